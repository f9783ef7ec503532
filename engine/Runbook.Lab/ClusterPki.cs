namespace Runbook.Lab;

/// <summary>
/// The lab cluster's PKI, laid out like RKE2's server/tls/etcd: an etcd server CA (serving and client certificates) and
/// a peer CA (member-to-member), made with openssl. Every server gets both CAs (certificate and key, as RKE2 servers
/// have them) and its leaf certificates, issued by lab/bin/rke2-lab-issue from a spec per leaf — the same script
/// <c>rke2 certificate rotate</c> runs, so a rotation re-issues exactly what lab up issued, with new keys and serials.
/// </summary>
internal static class ClusterPki
{
    private static readonly string[] Cas = ["server-ca", "peer-ca"];

    /// <summary>The etcd kind's CAs in cluster-ca: the current one (server-ca) and the one a CA rotation moves to.</summary>
    private static readonly string[] EtcdCas = ["server-ca", "new-ca"];

    public static async Task CreateAsync(
        LabLayout layout,
        IReadOnlyList<ClusterNode> nodes,
        CancellationToken cancellationToken
    )
    {
        var standalone = nodes.Any(n => n.IsStandaloneEtcd);
        Directory.CreateDirectory(layout.ClusterCa);
        foreach (var ca in standalone ? EtcdCas : Cas)
        {
            await Openssl.RunAsync(
                    [
                        "req",
                        "-x509",
                        .. Openssl.NewEcKey,
                        "-keyout",
                        Path.Combine(layout.ClusterCa, ca + ".key"),
                        "-out",
                        Path.Combine(layout.ClusterCa, ca + ".crt"),
                        "-days",
                        "3650",
                        "-subj",
                        $"/CN=etcd-{ca}@runbook-lab",
                    ],
                    cancellationToken
                )
                .ConfigureAwait(false);
        }

        // The watcher's own client certificate, so rotating a node's certificates never affects what the watcher sees.
        WriteSpec(
            layout.ClusterCa,
            "watcher",
            "server-ca",
            "runbook-lab-watcher",
            "DNS:runbook-lab-watcher",
            "clientAuth"
        );
        if (standalone)
            WriteSpec(
                layout.ClusterCa,
                "watcher-new",
                "new-ca",
                "runbook-lab-watcher",
                "DNS:runbook-lab-watcher",
                "clientAuth"
            );
        var jobs = new List<Task> { IssueAsync(layout, layout.ClusterCa, cancellationToken) };
        if (standalone)
        {
            jobs.AddRange(
                nodes
                    .Where(n => n.Role == ClusterRole.Etcd)
                    .Select(n => CreateMemberAsync(layout, n, cancellationToken))
            );
            jobs.AddRange(
                nodes
                    .Where(n => n.Role == ClusterRole.None)
                    .Select(n => CreateClientAsync(layout, n, cancellationToken))
            );
            await Task.WhenAll(jobs).ConfigureAwait(false);
            return;
        }

        var servers = nodes.Where(n => n.Role is ClusterRole.Etcd or ClusterRole.ControlPlane or ClusterRole.Stacked);
        foreach (var node in servers)
        {
            Directory.CreateDirectory(node.Tls);
            foreach (var ca in Cas)
            {
                File.Copy(
                    Path.Combine(layout.ClusterCa, ca + ".crt"),
                    Path.Combine(node.Tls, ca + ".crt"),
                    overwrite: true
                );
                File.Copy(
                    Path.Combine(layout.ClusterCa, ca + ".key"),
                    Path.Combine(node.Tls, ca + ".key"),
                    overwrite: true
                );
            }

            var san = $"DNS:{node.Name},DNS:localhost,IP:{node.Address},IP:127.0.0.1";
            WriteSpec(node.Tls, "server-client", "server-ca", node.Name, san, "serverAuth,clientAuth");
            WriteSpec(node.Tls, "client", "server-ca", "etcd-client", "DNS:etcd-client", "clientAuth");
            if (node.Role is ClusterRole.Etcd or ClusterRole.Stacked)
                WriteSpec(node.Tls, "peer-server-client", "peer-ca", node.Name, san, "serverAuth,clientAuth");
            jobs.Add(IssueAsync(layout, node.Tls, cancellationToken));
        }

        await Task.WhenAll(jobs).ConfigureAwait(false);
    }

    /// <summary>
    /// The etcd kind's member PKI as runbooks/etcd-ca-rotation.yaml expects it: ca.crt (the trust bundle, the current CA),
    /// server, peer and client certificates from the current CA. No CA key is left on the member: the runbook keeps the
    /// new CA on the controller (the lab's is cluster-ca/new-ca.*).
    /// </summary>
    private static async Task CreateMemberAsync(LabLayout layout, ClusterNode node, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(node.Tls);
        foreach (var file in new[] { "server-ca.crt", "server-ca.key" })
            File.Copy(Path.Combine(layout.ClusterCa, file), Path.Combine(node.Tls, file), overwrite: true);
        var san = $"DNS:{node.Name},DNS:localhost,IP:{node.Address},IP:127.0.0.1";
        foreach (var leaf in new[] { "server", "peer", "client" })
            WriteSpec(node.Tls, leaf, "server-ca", $"{node.Name}-{leaf}", san, "serverAuth,clientAuth");
        await IssueAsync(layout, node.Tls, cancellationToken).ConfigureAwait(false);
        File.Move(Path.Combine(node.Tls, "server-ca.crt"), Path.Combine(node.Tls, "ca.crt"), overwrite: true);
        File.Delete(Path.Combine(node.Tls, "server-ca.key"));
        Directory.Delete(Path.Combine(node.Tls, ".lab"), recursive: true);
    }

    /// <summary>
    /// A host of the etcd kind that is not a member (role etcd-client): an application's etcd client, in pki-etcd as
    /// well: ca.crt (the current CA only) and client.crt/key from it, an RSA key with an organisation in its subject,
    /// so a rotation that keeps subject and key type can be told from one that does not.
    /// </summary>
    private static async Task CreateClientAsync(LabLayout layout, ClusterNode node, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(node.Tls);
        foreach (var file in new[] { "server-ca.crt", "server-ca.key" })
            File.Copy(Path.Combine(layout.ClusterCa, file), Path.Combine(node.Tls, file), overwrite: true);
        WriteSpec(node.Tls, "client", "server-ca", $"{node.Name}-app", $"DNS:{node.Name}", "clientAuth");
        File.AppendAllText(
            Path.Combine(node.Tls, ".lab", "client.spec"),
            $"KEY=rsa:2048\nSUBJ='/O=runbook-lab/CN={node.Name}-app'\n"
        );
        await IssueAsync(layout, node.Tls, cancellationToken).ConfigureAwait(false);
        File.Move(Path.Combine(node.Tls, "server-ca.crt"), Path.Combine(node.Tls, "ca.crt"), overwrite: true);
        File.Delete(Path.Combine(node.Tls, "server-ca.key"));
        Directory.Delete(Path.Combine(node.Tls, ".lab"), recursive: true);
    }

    private static void WriteSpec(string tls, string leaf, string ca, string cn, string san, string eku)
    {
        var dir = Path.Combine(tls, ".lab");
        Directory.CreateDirectory(dir);
        File.WriteAllText(
            Path.Combine(dir, leaf + ".spec"),
            $"CA={ca}\nCN='{cn}'\nSAN='{san}'\nEKU='{eku}'\nSERVICE=etcd\n"
        );
    }

    private static async Task IssueAsync(LabLayout layout, string tls, CancellationToken cancellationToken)
    {
        var (exit, output) = await LabProcesses
            .RunAsync(Path.Combine(layout.Bin, "rke2-lab-issue"), [tls], cancellationToken)
            .ConfigureAwait(false);
        if (exit != 0)
            throw new LabException(
                $"issuing the lab cluster's certificates in {tls} failed (exit {exit}): {output.Trim()}"
            );
    }
}
