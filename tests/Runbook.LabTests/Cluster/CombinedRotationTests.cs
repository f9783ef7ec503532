using Runbook.Lab;
using Runbook.Tests.Support;

namespace Runbook.Tests.Cluster;

/// <summary>
/// The shipped RKE2 rotation on RKE2's default layout, where every server is etcd member and control plane at once:
/// each server rotated and restarted exactly once (not once as etcd member and again as control plane), one member
/// down at a time, quorum kept, an API server ready throughout, and the agents restarted once each.
/// </summary>
[Collection(CombinedClusterCollection.Name)]
public sealed class CombinedRotationTests(CombinedClusterFixture lab) : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("runbook-combined-rotation-").FullName;

    [Fact]
    public async Task Rotation_restarts_each_combined_server_once_keeping_quorum_and_an_api_server_ready()
    {
        var (runbook, locks) = ShippedRotation.Write(_dir);
        var servers = lab.Cluster.Nodes.Where(n => n.Role == ClusterRole.Stacked).ToList();
        Assert.Equal(["server-1", "server-2", "server-3"], servers.Select(n => n.Name));
        Assert.Equal(servers, lab.Cluster.Etcd);
        Assert.Equal(servers, lab.Cluster.ControlPlane);
        var before = ShippedRotation.UnitCycles(lab.Cluster.Nodes.Where(n => n.Role != ClusterRole.None));
        var serials = Serials(servers);
        await using var watcher = ClusterWatcher.Start(lab.Cluster, Path.Combine(_dir, "watch.ndjson"));
        await ClusterFixture.WaitHealthyAsync(watcher);

        var run = await CliRunner.RunAsync(
            ["run", runbook, "-i", lab.State.Inventory, "--no-live", "--param", "settle=1s"],
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
        var after = ShippedRotation.UnitCycles(lab.Cluster.Nodes.Where(n => n.Role != ClusterRole.None));
        Assert.All(
            before,
            node =>
                Assert.True(
                    after[node.Key] == (node.Value.Starts + 1, node.Value.Stops + 1),
                    $"{node.Key}: {node.Value} -> {after[node.Key]}"
                )
        );
        var rotated = Serials(servers);
        Assert.All(serials, cert => Assert.NotEqual(cert.Value, rotated[cert.Key]));
        // The run succeeded, so it released the cluster lock it took.
        Assert.False(Directory.Exists(Path.Combine(locks, "rke2-certs")));
        Assert.Contains("lock", run.Stdout + run.Stderr, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_rotation_that_fails_after_the_stop_starts_rke2_server_again_and_keeps_the_lock()
    {
        var (runbook, locks) = ShippedRotation.Write(_dir);
        var nodes = lab.Cluster.Nodes.Where(n => n.Role != ClusterRole.None).ToList();
        var before = ShippedRotation.UnitCycles(nodes);
        await using var watcher = ClusterWatcher.Start(lab.Cluster, Path.Combine(_dir, "watch.ndjson"));
        await ClusterFixture.WaitHealthyAsync(watcher);

        // The rke2 stand-in has no certificates of this service, so the rotate step fails on the first server, after
        // rke2-server was stopped: the injected failure.
        var run = await CliRunner.RunAsync(
            [
                "run",
                runbook,
                "-i",
                lab.State.Inventory,
                "--no-live",
                "--param",
                "settle=1s",
                "--param",
                "services=no-such-service",
            ],
            new Dictionary<string, string> { ["RUNBOOK_STATE_DIR"] = Path.Combine(_dir, "state") }
        );
        await ClusterFixture.WaitHealthyAsync(watcher);
        await watcher.DisposeAsync();

        Assert.True(run.ExitCode == 1, run.Stdout + run.Stderr);
        Assert.Contains("Start rke2-server again", run.Stdout + run.Stderr, StringComparison.Ordinal);
        var active = await lab.RunAsync("server-1", "systemctl is-active rke2-server");
        Assert.Equal("active", active.Stdout.Trim());
        var after = ShippedRotation.UnitCycles(nodes);
        Assert.Equal((before["server-1"].Starts + 1, before["server-1"].Stops + 1), after["server-1"]);
        Assert.All(nodes.Where(n => n.Name != "server-1"), n => Assert.Equal(before[n.Name], after[n.Name]));
        Assert.True(watcher.MaxMembersDownAtOnce <= 1, watcher.Timeline);
        Assert.True(watcher.QuorumLostAt is null, watcher.Timeline);
        // A failed run keeps the cluster lock, so no other rotation starts on a cluster left half done.
        Assert.True(Directory.Exists(Path.Combine(locks, "rke2-certs")));
    }

    /// <summary>The serial of every leaf certificate of the servers (not the CAs).</summary>
    private static Dictionary<string, string> Serials(IEnumerable<ClusterNode> servers) =>
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
                        .SerialNumber
            );

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
