namespace Runbook.Lab;

/// <summary>
/// Writes each kubeadm lab host's kubelet unit (for the systemctl stand-in), its static pod manifests (etcd,
/// kube-apiserver and kube-vip: the kubelet stand-in runs each manifest's single-line <c>command:</c>), admin.conf and
/// lab.env.
/// </summary>
internal static class KubeadmUnits
{
    public static void Write(LabLayout layout, IReadOnlyList<ClusterNode> nodes)
    {
        var etcdServers = string.Join(',', nodes.Select(n => n.EtcdUrl));
        var initialCluster = string.Join(',', nodes.Select(n => $"{n.Name}={n.PeerUrl}"));
        foreach (var node in nodes)
        {
            Directory.CreateDirectory(node.Units);
            Directory.CreateDirectory(node.Manifests);
            File.WriteAllText(
                Path.Combine(node.Units, node.Unit + ".service"),
                $"ExecStart={layout.Bin}/kubelet --pod-manifest-path {node.Manifests} --file-check-frequency "
                    + $"{KubeadmCluster.FileCheckSeconds}s\n"
            );
            var pki = node.Pki;
            var etcd = string.Join(
                ' ',
                [
                    "env GOMAXPROCS=1 /usr/bin/etcd",
                    $"--name {node.Name}",
                    $"--data-dir {Path.Combine(node.Home, "etcd")}",
                    $"--listen-client-urls {node.EtcdUrl}",
                    $"--advertise-client-urls {node.EtcdUrl}",
                    $"--listen-peer-urls {node.PeerUrl}",
                    $"--initial-advertise-peer-urls {node.PeerUrl}",
                    $"--initial-cluster {initialCluster}",
                    "--initial-cluster-state new",
                    "--initial-cluster-token runbook-lab",
                    $"--client-cert-auth --trusted-ca-file {pki}/etcd/ca.crt --cert-file {pki}/etcd/server.crt "
                        + $"--key-file {pki}/etcd/server.key",
                    $"--peer-client-cert-auth --peer-trusted-ca-file {pki}/etcd/ca.crt --peer-cert-file "
                        + $"{pki}/etcd/peer.crt --peer-key-file {pki}/etcd/peer.key",
                    "--logger zap --log-outputs stderr",
                ]
            );
            var api =
                $"{layout.Bin}/rke2-apiserver --listen {node.Address}:{ClusterNode.ApiPort} --etcd-servers "
                + $"{etcdServers} --etcd-cafile {pki}/etcd/ca.crt --etcd-certfile "
                + $"{pki}/apiserver-etcd-client.crt --etcd-keyfile {pki}/apiserver-etcd-client.key";
            File.WriteAllText(Path.Combine(node.Manifests, "etcd.yaml"), Manifest("etcd", etcd));
            File.WriteAllText(Path.Combine(node.Manifests, "kube-apiserver.yaml"), Manifest("kube-apiserver", api));
            // HA kubeadm setups run kube-vip (or haproxy and keepalived) as static pods beside the control plane; a
            // renewal that moves every manifest out would take the cluster's virtual IP down with them. The lab's
            // stand-in only has to be a pod that must keep running: it serves nothing.
            File.WriteAllText(Path.Combine(node.Manifests, "kube-vip.yaml"), Manifest("kube-vip", "sleep infinity"));
            File.WriteAllText(
                node.AdminConf,
                $"# runbook lab: the API-server stand-in of {node.Name} (plain HTTP; see docs/lab.md)\napiVersion: "
                    + $"v1\nkind: Config\nclusters:\n- name: kubernetes\n  cluster:\n    server: "
                    + $"{node.ApiUrl}\ncontexts:\n- name: kubernetes-admin@kubernetes\n  context: "
                    + $"{{ cluster: kubernetes, user: kubernetes-admin }}\ncurrent-context: "
                    + $"kubernetes-admin@kubernetes\nusers:\n- name: kubernetes-admin\n  user: {{}}\n"
            );
            File.WriteAllText(
                Path.Combine(node.Home, "lab.env"),
                $"LAB_NAME={node.Name}\nLAB_IP={node.Address}\nLAB_ROLE=control-plane\n"
            );
        }
    }

    private static string Manifest(string name, string command) =>
        $"# runbook lab: a static pod for the kubelet stand-in (lab/bin/kubelet), which runs the container's "
        + $"command line.\napiVersion: v1\nkind: Pod\nmetadata:\n  name: {name}\n  namespace: "
        + $"kube-system\nspec:\n  hostNetwork: true\n  containers:\n  - name: {name}\n    command: {command}\n";
}
