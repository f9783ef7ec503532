using System.Security.Cryptography.X509Certificates;
using Runbook.Lab;
using Runbook.Tests.Support;

namespace Runbook.Tests.Cluster;

/// <summary>
/// The shipped RKE2 CA rotation (runbooks/rke2-ca-rotation.yaml) on the split-role lab cluster: new etcd CAs made on
/// the controller, cross-signed by the current ones fetched from the first etcd server, uploaded there and loaded
/// with the rke2 stand-in's rotate-ca, then every server restarted once in the safe order. Afterwards every etcd member serves a certificate issued by the new CA,
/// while the watcher, which trusts only the old CA, saw quorum kept and an API server ready throughout.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class Rke2CaRotationTests(ClusterFixture lab) : IDisposable
{
    private const string Runbook = "runbooks/rke2-ca-rotation.yaml";
    private const string Lock = "lock: { on: any(role=etcd), name: rke2-certs, become: true }";
    private readonly string _dir = Directory.CreateTempSubdirectory("runbook-rke2-ca-").FullName;

    [Fact]
    public async Task Ca_rotation_moves_every_member_to_the_new_ca_restarting_each_server_once_keeping_quorum()
    {
        try
        {
            await RotateAndCheckAsync();
        }
        finally
        {
            // Later tests of the collection expect the lab's original CAs.
            await lab.RebuildAsync();
        }
    }

    private async Task RotateAndCheckAsync()
    {
        var text = File.ReadAllText(Path.Combine(RepoRoot.Path, Runbook));
        Assert.Contains(Lock, text, StringComparison.Ordinal);
        var runbook = Path.Combine(_dir, "rke2-ca-rotation.yaml");
        var locks = Path.Combine(_dir, "locks");
        File.WriteAllText(
            runbook,
            text.Replace(Lock, $"lock: {{ on: any(role=etcd), name: rke2-certs, become: true, dir: {locks} }}")
        );
        var nodes = lab.Cluster.Nodes.Where(n => n.Role != ClusterRole.None).ToList();
        var before = ShippedRotation.UnitCycles(nodes);
        var oldIssuers = await IssuersAsync();
        await using var watcher = ClusterWatcher.Start(lab.Cluster, Path.Combine(_dir, "watch.ndjson"));
        await ClusterFixture.WaitHealthyAsync(watcher);

        var run = await CliRunner.RunAsync(
            ["run", runbook, "-i", lab.State.Inventory, "--no-live", "--yes", "--param", "settle=1s"],
            new Dictionary<string, string> { ["RUNBOOK_STATE_DIR"] = Path.Combine(_dir, "state") }
        );
        await ClusterFixture.WaitHealthyAsync(watcher);
        await watcher.DisposeAsync();

        Assert.True(run.ExitCode == 0, run.Stdout + run.Stderr);
        Assert.True(watcher.MaxMembersDownAtOnce == 1, watcher.Timeline);
        Assert.True(watcher.QuorumLostAt is null, watcher.Timeline);
        Assert.DoesNotContain(
            watcher.Samples.Where(s => !WatcherStall.Is(s)),
            s => s.Readyz.Values.All(status => status != 200)
        );
        // The watcher trusts only the old CA and its client certificate is from it: no member refused it or showed a
        // certificate it could not chain to the old root, because the new CA is cross-signed.
        Assert.DoesNotContain(
            watcher.Samples.SelectMany(s => s.Errors.Values),
            e =>
                e.Contains("certificate", StringComparison.OrdinalIgnoreCase)
                || e.Contains("SSL", StringComparison.Ordinal)
        );
        var after = ShippedRotation.UnitCycles(nodes);
        Assert.All(
            before,
            node =>
                Assert.True(
                    after[node.Key] == (node.Value.Starts + 1, node.Value.Stops + 1),
                    $"{node.Key}: {node.Value} -> {after[node.Key]}"
                )
        );
        // The new CA is what rotate-ca put in the datastore: the first certificate of its server-ca bundle.
        var bundle = new X509Certificate2Collection();
        bundle.ImportFromPemFile(Path.Combine(lab.LabDirectory, "datastore/server/tls/etcd/server-ca.crt"));
        Assert.Equal(4, bundle.Count);
        var newCa = bundle[0].Subject;
        var issuers = await IssuersAsync();
        Assert.All(issuers, i => Assert.Equal(newCa, i.Value));
        Assert.All(oldIssuers, i => Assert.NotEqual(newCa, i.Value));
        Assert.False(Directory.Exists(Path.Combine(locks, "rke2-certs")));
        // The CAs were made in the run's directory; the certificates stay there, no CA key does.
        var state = Path.Combine(_dir, "state");
        var made = Directory.GetFiles(state, "server-ca.crt", SearchOption.AllDirectories);
        Assert.Contains(made, f => File.ReadAllText(f) == File.ReadAllText(ServerCaBundle()));
        Assert.Empty(Directory.GetFiles(state, "*.key", SearchOption.AllDirectories));
    }

    private string ServerCaBundle() => Path.Combine(lab.LabDirectory, "datastore/server/tls/etcd/server-ca.crt");

    [Fact]
    public async Task A_ca_given_by_the_operator_that_is_not_cross_signed_is_refused_before_any_server_restarts()
    {
        var text = File.ReadAllText(Path.Combine(RepoRoot.Path, Runbook));
        var locks = Path.Combine(_dir, "locks");
        var runbook = Path.Combine(_dir, "rke2-ca-rotation.yaml");
        File.WriteAllText(
            runbook,
            text.Replace(Lock, $"lock: {{ on: any(role=etcd), name: rke2-certs, become: true, dir: {locks} }}")
        );
        // A fresh self-signed CA pair from "the operator's PKI", not signed by the cluster's current CAs.
        var ca = Path.Combine(_dir, "new-ca", "tls", "etcd");
        Directory.CreateDirectory(ca);
        foreach (var type in new[] { "server", "peer" })
        {
            var made = ExternalTool.Run(
                "openssl",
                [
                    "req",
                    "-x509",
                    "-newkey",
                    "ec",
                    "-pkeyopt",
                    "ec_paramgen_curve:prime256v1",
                    "-nodes",
                    "-keyout",
                    Path.Combine(ca, type + "-ca.key"),
                    "-out",
                    Path.Combine(ca, type + "-ca.crt"),
                    "-days",
                    "30",
                    "-subj",
                    $"/CN=operator-{type}-ca",
                ]
            );
            Assert.True(made.ExitCode == 0, made.Stderr);
        }

        var nodes = lab.Cluster.Nodes.Where(n => n.Role != ClusterRole.None).ToList();
        var before = ShippedRotation.UnitCycles(nodes);
        var run = await CliRunner.RunAsync(
            [
                "run",
                runbook,
                "-i",
                lab.State.Inventory,
                "--no-live",
                "--yes",
                "--param",
                "settle=1s",
                "--param",
                "ca_dir=" + Path.Combine(_dir, "new-ca"),
            ],
            new Dictionary<string, string> { ["RUNBOOK_STATE_DIR"] = Path.Combine(_dir, "state") }
        );

        Assert.True(run.ExitCode == 1, run.Stdout + run.Stderr);
        Assert.True(
            (run.Stdout + run.Stderr).Contains("not cross-signed", StringComparison.Ordinal),
            run.Stdout + run.Stderr
        );
        Assert.Equal(before, ShippedRotation.UnitCycles(nodes));
        Assert.False(Directory.Exists(Path.Combine(lab.LabDirectory, "datastore")));
        // The upload put the operator's files where rotate-ca read them, on the first etcd server.
        var staged = Path.Combine(lab.Cluster.Etcd[0].DataDir, "server", "rotate-ca", "tls", "etcd", "server-ca.crt");
        Assert.Equal(File.ReadAllText(Path.Combine(ca, "server-ca.crt")), File.ReadAllText(staged));
        Directory.Delete(Path.Combine(lab.Cluster.Etcd[0].DataDir, "server", "rotate-ca"), recursive: true);
    }

    /// <summary>Who issued the certificate each etcd member really serves.</summary>
    private async Task<Dictionary<string, string>> IssuersAsync()
    {
        var issuers = new Dictionary<string, string>();
        foreach (var member in lab.Cluster.Etcd)
        {
            using var served = await ServedCertificate.FetchAsync(member.Address, ClusterNode.EtcdClientPort);
            issuers[member.Name] = served.Issuer;
        }

        return issuers;
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
