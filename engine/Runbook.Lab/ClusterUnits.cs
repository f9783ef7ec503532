using System.Globalization;
using System.Text;

namespace Runbook.Lab;

/// <summary>
/// Writes each cluster host's unit file (for the systemctl stand-in), lab.env (facts the stand-ins read), kubeconfig and
/// data_dir/bin/kubectl. rke2-server is the real etcd on etcd hosts and the API-server stand-in on control-plane hosts;
/// rke2-agent is the agent stand-in on workers.
/// </summary>
internal static class ClusterUnits
{
    public static void Write(LabLayout layout, IReadOnlyList<ClusterNode> nodes)
    {
        var etcd = nodes.Where(n => n.Role is ClusterRole.Etcd or ClusterRole.Stacked).ToList();
        var apis = nodes.Where(n => n.Role is ClusterRole.ControlPlane or ClusterRole.Stacked).ToList();
        foreach (var node in nodes.Where(n => n.Role != ClusterRole.None))
        {
            Directory.CreateDirectory(node.Units);
            var exec = node.Role switch
            {
                ClusterRole.Etcd => Etcd(node, etcd),
                ClusterRole.ControlPlane => ApiServer(layout, node, etcd),
                ClusterRole.Stacked => Combined(layout, node, etcd),
                _ => $"{layout.Bin}/rke2-agent {string.Concat(apis.Select(a => $"--server {a.ApiUrl} "))}"
                    + $"--node-name {node.Name}",
            };
            // An RKE2 server takes new CAs from the datastore at start (rke2 certificate rotate-ca): rke2-ca-sync.
            if (node.Role != ClusterRole.Worker && !node.IsStandaloneEtcd)
                exec = $"{layout.Bin}/rke2-ca-sync {node.Tls} {exec}";
            File.WriteAllText(
                Path.Combine(node.Units, node.Unit + ".service"),
                $"ExecStart={exec}\nEnvironment=GOMAXPROCS=1\n"
            );
            File.WriteAllText(
                Path.Combine(node.Home, "lab.env"),
                $"LAB_NAME={node.Name}\nLAB_IP={node.Address}\nLAB_ROLE={node.Role.ToString().ToLowerInvariant()}\n"
            );
            if (node.IsStandaloneEtcd)
                continue;
            Directory.CreateDirectory(Path.Combine(node.DataDir, "bin"));
            var kubectl = Path.Combine(node.DataDir, "bin", "kubectl");
            if (!File.Exists(kubectl))
                File.CreateSymbolicLink(kubectl, Path.Combine(layout.Bin, "kubectl"));
            var api = node.Role is ClusterRole.ControlPlane or ClusterRole.Stacked ? node : apis.FirstOrDefault();
            if (api is not null)
                File.WriteAllText(node.Kubeconfig, Kubeconfig(api));
        }
    }

    private static string ApiServer(
        LabLayout layout,
        ClusterNode node,
        IReadOnlyList<ClusterNode> etcd,
        string extra = ""
    ) =>
        $"{layout.Bin}/rke2-apiserver --listen {node.Address}:{ClusterNode.ApiPort} "
        + $"--etcd-servers {string.Join(',', etcd.Select(e => e.EtcdUrl))} "
        + $"--etcd-cafile {node.Tls}/server-ca.crt --etcd-certfile {node.Tls}/client.crt "
        + $"--etcd-keyfile {node.Tls}/client.key{extra}";

    /// <summary>
    /// A combined server's rke2-server: the etcd member and the API stand-in in one process group, as RKE2 runs both
    /// in one service. The shell waits for both, so `systemctl stop` (TERM to the group) returns only when both have
    /// exited, and the unit fails as a whole when either dies. The API stand-in waits up to 30 s for etcd at start,
    /// since its own member starts beside it (at bootstrap, with the other members).
    /// </summary>
    private static string Combined(LabLayout layout, ClusterNode node, IReadOnlyList<ClusterNode> etcd) =>
        "/bin/bash -c 'trap \"wait; exit 143\" TERM; "
        + $"{Etcd(node, etcd)} & {ApiServer(layout, node, etcd, " --start-timeout 30")} & "
        + "wait -n; kill 0 2>/dev/null; wait'";

    private static string Etcd(ClusterNode node, IReadOnlyList<ClusterNode> members)
    {
        var tls = node.Tls;
        // The etcd kind: ONE trust bundle for clients and peers, as runbooks/etcd-ca-rotation.yaml expects.
        var (clientCa, server, peerCa, peer) = node.IsStandaloneEtcd
            ? ("ca", "server", "ca", "peer")
            : ("server-ca", "server-client", "peer-ca", "peer-server-client");
        var text = new StringBuilder("/usr/bin/etcd");
        void Flag(string name, string value) => text.Append(CultureInfo.InvariantCulture, $" --{name} {value}");
        Flag("name", node.Name);
        Flag("data-dir", node.EtcdData);
        Flag("listen-client-urls", node.EtcdUrl);
        Flag("advertise-client-urls", node.EtcdUrl);
        Flag("listen-peer-urls", node.PeerUrl);
        Flag("initial-advertise-peer-urls", node.PeerUrl);
        Flag("initial-cluster", string.Join(',', members.Select(m => $"{m.Name}={m.PeerUrl}")));
        Flag("initial-cluster-state", "new");
        Flag("initial-cluster-token", "runbook-lab");
        Flag("client-cert-auth", "--trusted-ca-file " + Path.Combine(tls, clientCa + ".crt"));
        Flag("cert-file", Path.Combine(tls, server + ".crt"));
        Flag("key-file", Path.Combine(tls, server + ".key"));
        Flag("peer-client-cert-auth", "--peer-trusted-ca-file " + Path.Combine(tls, peerCa + ".crt"));
        Flag("peer-cert-file", Path.Combine(tls, peer + ".crt"));
        Flag("peer-key-file", Path.Combine(tls, peer + ".key"));
        Flag("logger", "zap");
        Flag("log-outputs", "stderr");
        return text.ToString();
    }

    private static string Kubeconfig(ClusterNode api) =>
        $"# runbook lab: the API-server stand-in of {api.Name} (plain HTTP; see docs/lab.md)\napiVersion: v1\nkind: Config\nclusters:\n- name: default\n  cluster:\n    server: {api.ApiUrl}\ncontexts:\n- name: default\n  context: {{ cluster: default, user: default }}\ncurrent-context: default\nusers:\n- name: default\n  user: {{}}\n";
}
