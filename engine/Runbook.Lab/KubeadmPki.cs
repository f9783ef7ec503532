namespace Runbook.Lab;

/// <summary>
/// The kubeadm lab's PKI, laid out as kubeadm does under each host's kubernetes/pki: the etcd CA (etcd/ca.{crt,key}) and
/// the leaves etcd/server, etcd/peer, etcd/healthcheck-client and apiserver-etcd-client, issued with openssl by
/// lab/bin/rke2-lab-issue from a spec per leaf (pki/.lab/NAME.spec) — the same script <c>kubeadm certs renew all</c> runs.
/// </summary>
internal static class KubeadmPki
{
    public static async Task CreateAsync(
        LabLayout layout,
        IReadOnlyList<ClusterNode> nodes,
        CancellationToken cancellationToken
    )
    {
        Directory.CreateDirectory(layout.ClusterCa);
        var caKey = Path.Combine(layout.ClusterCa, "etcd-ca.key");
        var caCrt = Path.Combine(layout.ClusterCa, "etcd-ca.crt");
        await RunAsync(
                "openssl",
                [
                    "req",
                    "-x509",
                    .. Openssl.NewEcKey,
                    "-keyout",
                    caKey,
                    "-out",
                    caCrt,
                    "-days",
                    "3650",
                    "-subj",
                    "/CN=etcd-ca",
                ],
                cancellationToken
            )
            .ConfigureAwait(false);

        // The watcher's own client certificate, so renewing a node's certificates never affects what the watcher sees.
        WriteSpec(
            layout.ClusterCa,
            "watcher",
            "watcher",
            "etcd-ca",
            "runbook-lab-watcher",
            "DNS:runbook-lab-watcher",
            "clientAuth"
        );
        var issuer = Path.Combine(layout.Bin, "rke2-lab-issue");
        var jobs = new List<Task> { RunAsync(issuer, [layout.ClusterCa], cancellationToken) };
        foreach (var node in nodes)
        {
            var etcd = Path.Combine(node.Pki, "etcd");
            Directory.CreateDirectory(etcd);
            File.Copy(caCrt, Path.Combine(etcd, "ca.crt"), overwrite: true);
            File.Copy(caKey, Path.Combine(etcd, "ca.key"), overwrite: true);
            var san = $"DNS:{node.Name},DNS:localhost,IP:{node.Address},IP:127.0.0.1";
            WriteSpec(node.Pki, "etcd-server", "etcd/server", "etcd/ca", node.Name, san, "serverAuth,clientAuth");
            WriteSpec(node.Pki, "etcd-peer", "etcd/peer", "etcd/ca", node.Name, san, "serverAuth,clientAuth");
            WriteSpec(
                node.Pki,
                "etcd-healthcheck-client",
                "etcd/healthcheck-client",
                "etcd/ca",
                "kube-etcd-healthcheck-client",
                "DNS:kube-etcd-healthcheck-client",
                "clientAuth"
            );
            WriteSpec(
                node.Pki,
                "apiserver-etcd-client",
                "apiserver-etcd-client",
                "etcd/ca",
                "kube-apiserver-etcd-client",
                "DNS:kube-apiserver-etcd-client",
                "clientAuth"
            );
            jobs.Add(RunAsync(issuer, [node.Pki], cancellationToken));
        }

        await Task.WhenAll(jobs).ConfigureAwait(false);
    }

    private static void WriteSpec(string pki, string name, string output, string ca, string cn, string san, string eku)
    {
        var dir = Path.Combine(pki, ".lab");
        Directory.CreateDirectory(dir);
        File.WriteAllText(
            Path.Combine(dir, name + ".spec"),
            $"CA={ca}\nOUT={output}\nCN='{cn}'\nSAN='{san}'\nEKU='{eku}'\nSERVICE=etcd\n"
        );
    }

    private static async Task RunAsync(string program, string[] args, CancellationToken cancellationToken)
    {
        var (exit, output) = await LabProcesses.RunAsync(program, args, cancellationToken).ConfigureAwait(false);
        if (exit != 0)
            throw new LabException($"{Path.GetFileName(program)} {args[0]} failed (exit {exit}): {output.Trim()}");
    }
}
