using Runbook.Lab;
using Runbook.Tests.Support;

namespace Runbook.Tests.Cluster;

/// <summary>
/// The shipped RKE2 rotation on a mixed layout (combined, etcd-only and control-plane-only servers): each server
/// restarted exactly once, one member down at a time, quorum kept, an API server ready throughout.
/// </summary>
[Collection(MixedClusterCollection.Name)]
public sealed class MixedRotationTests(MixedClusterFixture lab) : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("runbook-mixed-rotation-").FullName;

    [Fact]
    public async Task Rotation_restarts_each_server_of_a_mixed_layout_once_keeping_quorum_and_an_api_server_ready()
    {
        var (runbook, locks) = ShippedRotation.Write(_dir);
        Assert.Equal(
            [ClusterRole.Stacked, ClusterRole.Stacked, ClusterRole.Etcd, ClusterRole.ControlPlane],
            lab.Cluster.Nodes.Where(n => n.Role is not (ClusterRole.Worker or ClusterRole.None)).Select(n => n.Role)
        );
        var nodes = lab.Cluster.Nodes.Where(n => n.Role != ClusterRole.None).ToList();
        var before = ShippedRotation.UnitCycles(nodes);
        await using var watcher = ClusterWatcher.Start(lab.Cluster, Path.Combine(_dir, "watch.ndjson"));
        await ClusterFixture.WaitHealthyAsync(watcher);

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
                "fetch_snapshot=true",
                "--param",
                "fetch_kubeconfig=true",
            ],
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
        var after = ShippedRotation.UnitCycles(nodes);
        Assert.All(
            before,
            node =>
                Assert.True(
                    after[node.Key] == (node.Value.Starts + 1, node.Value.Stops + 1),
                    $"{node.Key}: {node.Value} -> {after[node.Key]}"
                )
        );
        Assert.False(Directory.Exists(Path.Combine(locks, "rke2-certs")));

        // The pre-rotation snapshot of the first etcd server and each control-plane server's kubeconfig, on the
        // controller in the run's directory, byte for byte what the hosts hold.
        var run1 = Directory.GetDirectories(Path.Combine(_dir, "state"), "runs", SearchOption.AllDirectories).Single();
        var runDir = Directory.GetDirectories(run1).Single();
        var snapshot = Path.Combine(runDir, "snapshots", "server-1", "runbook-pre-cert-rotation");
        var first = lab.Cluster.Nodes.Single(n => n.Name == "server-1");
        Assert.Equal(
            File.ReadAllBytes(Path.Combine(first.DataDir, "server", "db", "snapshots", "runbook-pre-cert-rotation")),
            File.ReadAllBytes(snapshot)
        );
        Assert.True(new FileInfo(snapshot).Length > 0);
        foreach (var cp in lab.Cluster.ControlPlane)
        {
            Assert.Equal(
                File.ReadAllText(cp.Kubeconfig),
                File.ReadAllText(Path.Combine(runDir, "kubeconfigs", cp.Name, Path.GetFileName(cp.Kubeconfig)))
            );
        }
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
