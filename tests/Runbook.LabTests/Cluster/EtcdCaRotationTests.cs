using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Runbook.Lab;
using Runbook.Tests.Support;

namespace Runbook.Tests.Cluster;

/// <summary>
/// runbooks/etcd-ca-rotation.yaml on a real 3-member etcd cluster with mutual TLS and an application host (role
/// etcd-client) whose client writes and reads keys continuously with the files on that host, and the naive all-at-once
/// CA swap it replaces. Tests that change the PKI rebuild the lab when done.
/// </summary>
[Collection(EtcdClusterCollection.Name)]
public sealed class EtcdCaRotationTests(EtcdClusterFixture lab) : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("runbook-etcdca-").FullName;

    private ClusterNode App => lab.Cluster.Node("app-a");

    [Fact]
    public async Task Rotating_the_ca_moves_members_and_client_over_without_a_lost_write_or_a_ca_key_on_a_host()
    {
        try
        {
            var runbook = ShippedCopy("lock-main");
            var leaves = Leaves();
            var before = leaves.ToDictionary(l => l, Identity);
            var cycles = ShippedRotation.UnitCycles(lab.Cluster.Etcd);
            // The application starts as every client does before a rotation: the old CA only, an old-CA certificate.
            Assert.Single(Bundle(Path.Combine(App.Tls, "ca.crt")));
            using var app = new FileEtcdClient(App.Tls, Path.Combine(_dir, "app"));
            var endpoints = lab.Cluster.Etcd.Select(n => n.EtcdUrl).ToList();
            await using var watcher = ClusterWatcher.Start(lab.Cluster);
            await using var writer = new EtcdWriter(endpoints, app.Clients);
            writer.Start();
            await Task.Delay(TimeSpan.FromSeconds(1));

            var run = await RunAsync(runbook, "--param", "settle=1s");
            await Task.Delay(TimeSpan.FromSeconds(1));
            await writer.StopAsync();
            await watcher.DisposeAsync();

            Assert.True(run.ExitCode == 0, run.Stdout + run.Stderr);
            Assert.True(watcher.MaxMembersDownAtOnce <= 1, watcher.Timeline);
            Assert.True(watcher.QuorumLostAt is null, watcher.Timeline);
            var acknowledged = writer.Acknowledged.Order().ToList();
            Assert.True(
                acknowledged.Count >= writer.Attempted * 9 / 10,
                $"{acknowledged.Count} of {writer.Attempted} writes acknowledged: "
                    + $"{string.Join("\n", writer.Errors.TakeLast(10))}"
            );
            var client = app.Clients().Single();
            var lost = new List<int>();
            foreach (var n in acknowledged)
            {
                if (await client.GetAsync(endpoints[n % endpoints.Count], $"k{n}") != $"v{n}")
                    lost.Add(n);
            }

            Assert.Empty(lost);
            Assert.Equal(0, writer.ReadMismatches);
            // The client took new files (trust both, new certificate, trust only the new CA) and kept writing.
            Assert.True(app.Reloads >= 3, $"the client loaded its files {app.Reloads} times");

            // The CA the runbook made stays in the run's directory on the controller, key and all.
            var newCa = Directory.GetFiles(Path.Combine(_dir, "state"), "ca.crt", SearchOption.AllDirectories).Single();
            Assert.EndsWith(Path.Combine("new-ca", "ca.crt"), newCa, StringComparison.Ordinal);
            Assert.True(File.Exists(Path.Combine(Path.GetDirectoryName(newCa)!, "ca.key")));
            using var oldOnly = new EtcdKv(lab.OldClient, lab.OldCa);
            foreach (var member in lab.Cluster.Etcd)
            {
                using var served = await ServedCertificate.FetchAsync(member.Address, ClusterNode.EtcdClientPort);
                Assert.True(ServedCertificate.ChainsTo(served, newCa), $"{member.Name} serves {served.Issuer}");
                Assert.False(ServedCertificate.ChainsTo(served, lab.OldCa), $"{member.Name} serves the old CA's");
                Assert.Equal(Identity(Path.Combine(member.Tls, "server.crt")), Identity(served));
                var refused = await oldOnly.PutAsync(member.EtcdUrl, "old-ca-client", "x");
                Assert.NotNull(refused);
                Assert.Contains("SSL connection could not be established", refused, StringComparison.Ordinal);
            }

            // Every certificate of every member and of the client: from the new CA, same subject, names, key type.
            foreach (var leaf in leaves)
            {
                using var now = X509Certificate2.CreateFromPem(File.ReadAllText(leaf));
                Assert.True(ServedCertificate.ChainsTo(now, newCa), $"{leaf} is from {now.Issuer}");
                Assert.Equal(before[leaf], Identity(leaf));
            }

            Assert.Contains("O=runbook-lab", before[Path.Combine(App.Tls, "client.crt")], StringComparison.Ordinal);
            Assert.Contains("RSA 2048", before[Path.Combine(App.Tls, "client.crt")], StringComparison.Ordinal);
            Assert.All(
                lab.Cluster.Etcd.Append(App),
                n =>
                    Assert.Equal(File.ReadAllText(newCa).Trim(), File.ReadAllText(Path.Combine(n.Tls, "ca.crt")).Trim())
            );
            // Three rolling restarts: each member stopped and started exactly three times.
            var after = ShippedRotation.UnitCycles(lab.Cluster.Etcd);
            Assert.All(cycles, c => Assert.Equal((c.Value.Starts + 3, c.Value.Stops + 3), after[c.Key]));
            // The finally lists left no request, script or unsigned file behind.
            Assert.All(
                lab.Cluster.Etcd.Append(App),
                n =>
                    Assert.DoesNotContain(
                        Directory.GetFiles(n.Tls, "*ca-rotation*"),
                        f => !f.EndsWith(".pre-ca-rotation", StringComparison.Ordinal)
                    )
            );
            AssertNoCaKeyOnAnyHost(newCa, Path.Combine(Path.GetDirectoryName(newCa)!, "ca.key"));
        }
        finally
        {
            await lab.RebuildAsync();
        }
    }

    [Theory]
    [InlineData("missing")]
    [InlineData("different")]
    public async Task A_missing_or_different_new_ca_on_one_host_stops_the_run_before_any_restart(string problem)
    {
        var hosts = lab.Cluster.Etcd.Append(App).ToList();
        try
        {
            // The operator's configuration management placed the new CA (stage_new_ca=false), but not right on etcd-b.
            foreach (var host in hosts)
            {
                var staged = Path.Combine(host.Tls, "new-ca.crt");
                if (host.Name != "etcd-b")
                    File.Copy(lab.NewCa, staged, overwrite: true);
                else if (problem == "different")
                    File.Copy(lab.OldCa, staged, overwrite: true);
            }

            var bundles = hosts.ToDictionary(h => h.Name, h => File.ReadAllText(Path.Combine(h.Tls, "ca.crt")));
            var cycles = ShippedRotation.UnitCycles(lab.Cluster.Etcd);
            var run = await RunAsync(
                ShippedCopy("lock-" + problem),
                "--param",
                "stage_new_ca=false",
                "--param",
                $"new_ca_cert={lab.NewCa}",
                "--param",
                $"new_ca_key={Path.ChangeExtension(lab.NewCa, ".key")}"
            );

            Assert.True(run.ExitCode == 4, run.Stdout + run.Stderr);
            var output = run.Stdout + run.Stderr;
            Assert.Contains("new CA staged everywhere", output, StringComparison.Ordinal);
            Assert.Contains(
                problem == "missing" ? "new-ca.crt is missing" : "the controller's new CA",
                output,
                StringComparison.Ordinal
            );
            Assert.Equal(cycles, ShippedRotation.UnitCycles(lab.Cluster.Etcd));
            Assert.All(hosts, h => Assert.Equal(bundles[h.Name], File.ReadAllText(Path.Combine(h.Tls, "ca.crt"))));
        }
        finally
        {
            foreach (var host in hosts)
            {
                File.Delete(Path.Combine(host.Tls, "new-ca.crt"));
                File.Delete(Path.Combine(host.Tls, "new-ca.fingerprint"));
            }
        }
    }

    [Fact]
    public async Task Swapping_the_ca_everywhere_at_once_fails_tls_handshakes()
    {
        try
        {
            // The naive procedure needs the new CA, key and all, on every member (what the runbook avoids).
            foreach (var member in lab.Cluster.Etcd)
            {
                File.Copy(lab.NewCa, Path.Combine(member.Tls, "new-ca.crt"), overwrite: true);
                File.Copy(
                    Path.ChangeExtension(lab.NewCa, ".key"),
                    Path.Combine(member.Tls, "new-ca.key"),
                    overwrite: true
                );
            }

            // A client as every client is before a rotation hands it a new certificate: a certificate from the old CA.
            using var client = new EtcdKv(lab.OldClient, lab.OldCa, lab.NewCa);
            foreach (var member in lab.Cluster.Etcd)
            {
                Assert.Null(await client.PutAsync(member.EtcdUrl, "before", "ok"));
                Assert.DoesNotContain(HandshakeFailed, await OldCaEtcdctlAsync(member));
                Assert.DoesNotContain(
                    "failed to verify client certificate",
                    File.ReadAllText(member.Log),
                    StringComparison.Ordinal
                );
            }

            var run = await RunAsync("tests/Runbook.LabTests/Cluster/Cases/naive-etcd-ca-swap.yaml");
            Assert.True(run.ExitCode == 0, run.Stdout + run.Stderr);
            await Task.Delay(TimeSpan.FromSeconds(2));

            foreach (var member in lab.Cluster.Etcd)
            {
                var refused = await client.PutAsync(member.EtcdUrl, "after", "x");
                Assert.NotNull(refused);
                // TLS 1.3: the client finishes its side first, then the member checks the certificate and drops the
                // connection, so the client sees the alert (bad certificate) or just a reset; etcd logs the real reason.
                var logged = await LoggedRejectionAsync(member);
                Assert.True(
                    logged || refused.Contains("alert bad certificate", StringComparison.Ordinal),
                    $"{member.Name} logged no TLS rejection; the client saw: {refused}"
                );

                // A real gRPC client (etcdctl: the grpc-go stack kube-apiserver's etcd client uses) that still trusts
                // only the old CA logs the error this project exists to prevent, word for word.
                Assert.Contains(HandshakeFailed, await OldCaEtcdctlAsync(member));
            }
        }
        finally
        {
            await lab.RebuildAsync();
        }
    }

    private const string HandshakeFailed =
        "transport: authentication handshake failed: x509: certificate signed by unknown authority";

    /// <summary>
    /// No file under any lab host's home holds the private key of a CA: every PEM private key there (the members' and
    /// the client's own keys, their .pre-ca-rotation copies) is tried against each CA certificate, and the bytes of
    /// the new CA's key appear in no file. Files over 4 MiB (etcd's preallocated WAL and its db) are etcd data.
    /// </summary>
    private void AssertNoCaKeyOnAnyHost(string newCa, string newCaKey)
    {
        var cas = new[] { newCa, lab.OldCa, lab.NewCa }.Select(File.ReadAllText).ToList();
        var keyBody = File.ReadAllText(newCaKey).Split('\n')[1];
        var keys = 0;
        foreach (var node in lab.Cluster.Nodes)
        {
            foreach (var file in Directory.EnumerateFiles(node.Home, "*", SearchOption.AllDirectories))
            {
                var info = new FileInfo(file);
                if (info.LinkTarget is not null || info.Length > 4 << 20)
                    continue;
                string text;
                try
                {
                    text = File.ReadAllText(file);
                }
                catch (IOException)
                {
                    continue; // a socket or FIFO of the host's processes: not a file a key is kept in
                }

                Assert.DoesNotContain(keyBody, text, StringComparison.Ordinal);
                if (!text.Contains("PRIVATE KEY-----", StringComparison.Ordinal))
                    continue;
                keys++;
                foreach (var ca in cas)
                {
                    var matches = false;
                    try
                    {
                        using var pair = X509Certificate2.CreateFromPem(ca, text);
                        matches = true;
                    }
                    catch (Exception ex) when (ex is CryptographicException or ArgumentException)
                    {
                        // Not the CA's key: what every key on a host must be.
                    }

                    Assert.False(matches, $"{file} holds a CA's private key");
                }
            }
        }

        Assert.True(keys >= 10, $"only {keys} private keys found on the hosts: the search looked in the wrong place");
    }

    /// <summary>The leaf certificates the rotation reissues: each member's server, peer and client, the app's
    /// client.</summary>
    private List<string> Leaves() =>
        [
            .. lab.Cluster.Etcd.SelectMany(m =>
                new[] { "server", "peer", "client" }.Select(k => Path.Combine(m.Tls, k + ".crt"))
            ),
            Path.Combine(App.Tls, "client.crt"),
        ];

    /// <summary>What a reissue must keep: subject, subject alternative names, key usages, key algorithm and
    /// size.</summary>
    private static string Identity(string certificateFile)
    {
        using var certificate = X509Certificate2.CreateFromPem(File.ReadAllText(certificateFile));
        return Identity(certificate);
    }

    private static string Identity(X509Certificate2 certificate)
    {
        var extensions = certificate
            .Extensions.Where(e => e.Oid?.Value is "2.5.29.17" or "2.5.29.15" or "2.5.29.37")
            .Select(e => $"{e.Oid!.Value}={Convert.ToHexString(e.RawData)}")
            .Order(StringComparer.Ordinal);
        var algorithm = certificate.GetRSAPublicKey() is { } rsa
            ? $"RSA {rsa.KeySize}"
            : $"EC {certificate.GetECDsaPublicKey()?.ExportParameters(false).Curve.Oid.FriendlyName}";
        return $"{certificate.Subject} | {algorithm} | {string.Join(' ', extensions)}";
    }

    private static X509Certificate2Collection Bundle(string file)
    {
        var bundle = new X509Certificate2Collection();
        bundle.ImportFromPemFile(file);
        return bundle;
    }

    /// <summary>
    /// The shipped runbook with its includes and files, unchanged but for its lock's directory: every lab "host" is
    /// this machine, so the default /var/lib/runbook/locks would be shared with every other lab on it.
    /// </summary>
    private string ShippedCopy(string lockDir)
    {
        const string Lock = "lock: { on: any(role=etcd), name: etcd-ca-rotation, become: true }";
        var root = Path.Combine(_dir, "runbooks-" + lockDir);
        foreach (var sub in new[] { "includes", "files" })
        {
            Directory.CreateDirectory(Path.Combine(root, sub));
            foreach (var file in Directory.GetFiles(Path.Combine(RepoRoot.Path, "runbooks", sub)))
                File.Copy(file, Path.Combine(root, sub, Path.GetFileName(file)));
        }

        var text = File.ReadAllText(Path.Combine(RepoRoot.Path, "runbooks", "etcd-ca-rotation.yaml"));
        Assert.Contains(Lock, text, StringComparison.Ordinal);
        var copy = Path.Combine(root, "etcd-ca-rotation.yaml");
        var locks = Path.Combine(_dir, lockDir);
        File.WriteAllText(copy, text.Replace(Lock, Lock[..^2] + $", dir: {locks} }}", StringComparison.Ordinal));
        return copy;
    }

    /// <summary>What etcdctl, trusting only the old CA and holding an old-CA client certificate, prints (with gRPC's log) reading a key.</summary>
    private async Task<string> OldCaEtcdctlAsync(ClusterNode member)
    {
        var (_, output) = await LabProcesses.RunAsync(
            "etcdctl",
            [
                "--debug",
                "--endpoints",
                member.EtcdUrl,
                "--cacert",
                lab.OldCa,
                "--cert",
                lab.OldClient.Cert,
                "--key",
                lab.OldClient.Key,
                "--dial-timeout",
                "1s",
                "--command-timeout",
                "2s",
                "get",
                "before",
            ],
            new Dictionary<string, string> { ["ETCDCTL_API"] = "3" },
            CancellationToken.None
        );
        return output;
    }

    /// <summary>Whether the member logs (within 20 s) that it refused a client certificate from a CA it does not trust.</summary>
    private static async Task<bool> LoggedRejectionAsync(ClusterNode member)
    {
        for (var i = 0; i < 200; i++)
        {
            if (
                File.ReadAllLines(member.Log)
                    .Any(l =>
                        l.Contains("\"rejected connection\"", StringComparison.Ordinal)
                        && l.Contains("certificate signed by unknown authority", StringComparison.Ordinal)
                    )
            )
                return true;
            await Task.Delay(100);
        }

        return false;
    }

    private Task<CliResult> RunAsync(string runbook, params string[] extra) =>
        CliRunner.RunAsync(
            ["run", runbook, "-i", lab.State.Inventory, "--no-live", .. extra],
            new Dictionary<string, string> { ["RUNBOOK_STATE_DIR"] = Path.Combine(_dir, "state") }
        );

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
