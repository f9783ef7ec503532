using Runbook.Lab;
using Runbook.Tests.Support;

namespace Runbook.Tests.Cluster;

/// <summary>
/// The shipped RKE2 rotation runbook on the lab cluster, watched: one etcd member down at a time, quorum kept, never
/// both API servers down, every server's certificates re-issued. The runbook runs as shipped: the lab inventory's host
/// vars give it each host's paths.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class ClusterRotationTests(ClusterFixture lab) : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("runbook-rotation-").FullName;

    [Fact]
    public async Task Rotation_runbook_keeps_etcd_quorum_and_an_api_server_ready_throughout()
    {
        var (runbook, locks) = ShippedRotation.Write(_dir);
        var servers = lab.Cluster.Etcd.Concat(lab.Cluster.ControlPlane).ToList();
        var before = LeafCertificates(servers);
        var cycles = ShippedRotation.UnitCycles(lab.Cluster.Nodes.Where(n => n.Role != ClusterRole.None));
        await using var watcher = ClusterWatcher.Start(lab.Cluster, Path.Combine(_dir, "watch.ndjson"));
        await ClusterFixture.WaitHealthyAsync(watcher);

        var run = await CliRunner.RunAsync(
            ["run", runbook, "-i", lab.State.Inventory, "--no-live", "--param", "settle=1s"],
            new Dictionary<string, string> { ["RUNBOOK_STATE_DIR"] = Path.Combine(_dir, "state") }
        );
        await ClusterFixture.WaitHealthyAsync(watcher);
        await watcher.DisposeAsync();

        Assert.True(run.ExitCode == 0, run.Stdout + run.Stderr);
        Assert.Equal(watcher.Samples.Count, File.ReadAllLines(Path.Combine(_dir, "watch.ndjson")).Length);
        Assert.True(watcher.MaxMembersDownAtOnce == 1, watcher.Timeline);
        Assert.True(watcher.QuorumLostAt is null, watcher.Timeline);
        Assert.DoesNotContain(
            watcher.Samples.Where(s => !WatcherStall.Is(s)),
            s => s.Readyz.Values.All(status => status != 200)
        );
        var after = LeafCertificates(servers);
        Assert.NotEmpty(before);
        Assert.Equal(before.Keys.Order(StringComparer.Ordinal), after.Keys.Order(StringComparer.Ordinal));
        Assert.All(before, leaf => Assert.True(after[leaf.Key] > leaf.Value, $"{leaf.Key} was not re-issued"));
        // Each server and agent restarted exactly once, and the lock the run took is released.
        var cyclesAfter = ShippedRotation.UnitCycles(lab.Cluster.Nodes.Where(n => n.Role != ClusterRole.None));
        Assert.All(
            cycles,
            node =>
                Assert.True(
                    cyclesAfter[node.Key] == (node.Value.Starts + 1, node.Value.Stops + 1),
                    $"{node.Key}: {node.Value} -> {cyclesAfter[node.Key]}"
                )
        );
        Assert.False(Directory.Exists(Path.Combine(locks, "rke2-certs")));
    }

    /// <summary>Every leaf certificate (not the CAs) of every server, with the time it became valid.</summary>
    private static Dictionary<string, DateTime> LeafCertificates(IEnumerable<ClusterNode> servers) =>
        servers
            .SelectMany(n =>
                Directory
                    .GetFiles(n.Tls, "*.crt")
                    .Where(f => !Path.GetFileName(f).Contains("-ca", StringComparison.Ordinal))
            )
            .ToDictionary(
                f => f,
                f =>
                    System
                        .Security.Cryptography.X509Certificates.X509CertificateLoader.LoadCertificateFromFile(f)
                        .NotBefore.ToUniversalTime()
            );

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
