using System.Security.Cryptography.X509Certificates;
using Runbook.Lab;
using Runbook.Tests.Support;

namespace Runbook.Tests.Cluster;

/// <summary>
/// Runs the shipped RKE2 CA rotation on a lab cluster and checks what it must hold on every layout, so the split and
/// the combined layout are held to the same assertions.
/// </summary>
internal static class Rke2CaRotationRun
{
    public const string Runbook = "runbooks/rke2-ca-rotation.yaml";
    public const string Lock = "lock: { on: any(role=etcd), name: rke2-certs, become: true }";

    /// <summary>The shipped runbook with its cluster lock in <paramref name="dir"/>/locks, not the system's.</summary>
    public static (string Runbook, string Locks) Write(string dir)
    {
        var text = File.ReadAllText(Path.Combine(RepoRoot.Path, Runbook));
        Assert.Contains(Lock, text, StringComparison.Ordinal);
        var runbook = Path.Combine(dir, "rke2-ca-rotation.yaml");
        var locks = Path.Combine(dir, "locks");
        File.WriteAllText(
            runbook,
            text.Replace(Lock, $"lock: {{ on: any(role=etcd), name: rke2-certs, become: true, dir: {locks} }}")
        );
        return (runbook, locks);
    }

    public static async Task RotateAndCheckAsync(ClusterFixture lab, string dir)
    {
        var (runbook, locks) = Write(dir);
        var nodes = lab.Cluster.Nodes.Where(n => n.Role != ClusterRole.None).ToList();
        var before = ShippedRotation.UnitCycles(nodes);
        var oldIssuers = await IssuersAsync(lab);
        await using var watcher = ClusterWatcher.Start(lab.Cluster, Path.Combine(dir, "watch.ndjson"));
        await ClusterFixture.WaitHealthyAsync(watcher);

        var run = await CliRunner.RunAsync(
            ["run", runbook, "-i", lab.State.Inventory, "--no-live", "--yes", "--param", "settle=1s"],
            new Dictionary<string, string> { ["RUNBOOK_STATE_DIR"] = Path.Combine(dir, "state") }
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
        bundle.ImportFromPemFile(ServerCaBundle(lab));
        Assert.Equal(4, bundle.Count);
        var newCa = bundle[0].Subject;
        var issuers = await IssuersAsync(lab);
        Assert.All(issuers, i => Assert.Equal(newCa, i.Value));
        Assert.All(oldIssuers, i => Assert.NotEqual(newCa, i.Value));
        Assert.False(Directory.Exists(Path.Combine(locks, "rke2-certs")));
        // The CAs were made in the run's directory; the certificates stay there, no CA key does.
        var state = Path.Combine(dir, "state");
        var made = Directory.GetFiles(state, "server-ca.crt", SearchOption.AllDirectories);
        Assert.Contains(made, f => File.ReadAllText(f) == File.ReadAllText(ServerCaBundle(lab)));
        Assert.Empty(Directory.GetFiles(state, "*.key", SearchOption.AllDirectories));
    }

    private static string ServerCaBundle(ClusterFixture lab) =>
        Path.Combine(lab.LabDirectory, "datastore/server/tls/etcd/server-ca.crt");

    /// <summary>Who issued the certificate each etcd member really serves.</summary>
    private static async Task<Dictionary<string, string>> IssuersAsync(ClusterFixture lab)
    {
        var issuers = new Dictionary<string, string>();
        foreach (var member in lab.Cluster.Etcd)
        {
            using var served = await ServedCertificate.FetchAsync(member.Address, ClusterNode.EtcdClientPort);
            issuers[member.Name] = served.Issuer;
        }

        return issuers;
    }
}
