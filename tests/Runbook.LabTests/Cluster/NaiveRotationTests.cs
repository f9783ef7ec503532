using Runbook.Lab;
using Runbook.Tests.Support;

namespace Runbook.Tests.Cluster;

/// <summary>
/// The failure this project exists to prevent, reproduced on the lab cluster: the naive rotation either stops at the
/// wrong unit name or, with the name fixed but every node at once, takes every etcd member down together. The shipped
/// rke2-recovery runbook then brings the cluster back to healthy.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class NaiveRotationTests(ClusterFixture lab) : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("runbook-naive-").FullName;

    [Fact]
    public async Task Stopping_rke2_instead_of_rke2_server_fails_at_the_unknown_unit_and_changes_nothing()
    {
        await using var watcher = ClusterWatcher.Start(lab.Cluster, interval: TimeSpan.FromMilliseconds(100));
        await ClusterFixture.WaitHealthyAsync(watcher);

        var run = await RunAsync("tests/Runbook.LabTests/Cluster/Cases/naive-rotation-wrong-unit.yaml");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains(
            "Failed to stop rke2.service: Unit rke2.service not loaded.",
            run.Stdout,
            StringComparison.Ordinal
        );
        Assert.Equal(0, watcher.MaxMembersDownAtOnce);
        Assert.True((await ClusterFixture.WaitHealthyAsync(watcher)).AllReady);
    }

    [Fact]
    public async Task Rotating_every_node_at_once_loses_etcd_quorum_and_the_recovery_runbook_heals_the_cluster()
    {
        await using var watcher = ClusterWatcher.Start(
            lab.Cluster,
            Path.Combine(_dir, "watch.ndjson"),
            TimeSpan.FromMilliseconds(100)
        );
        await ClusterFixture.WaitHealthyAsync(watcher);

        var naive = await RunAsync("tests/Runbook.LabTests/Cluster/Cases/naive-rotation-all-at-once.yaml");
        Assert.True(naive.ExitCode == 0, naive.Stdout + naive.Stderr);
        var lost = await watcher.WaitForAsync(_ => watcher.QuorumLostAt is not null, TimeSpan.FromSeconds(10));
        Assert.NotNull(lost);
        Assert.Equal(3, watcher.MaxMembersDownAtOnce);
        Assert.NotEmpty(watcher.ReadyzFailures);

        var recovery = await RunAsync("runbooks/rke2-recovery.yaml", "--param", "settle=1s");
        Assert.True(recovery.ExitCode == 0, recovery.Stdout + recovery.Stderr);
        var healthy = await ClusterFixture.WaitHealthyAsync(watcher);
        Assert.True(healthy.Quorum);
        Assert.True(healthy.AllReady);
        foreach (var node in lab.Cluster.Nodes)
        {
            Assert.Equal("active", (await lab.RunAsync(node.Name, $"systemctl is-active {node.Unit}")).Stdout.Trim());
        }
    }

    private Task<CliResult> RunAsync(string runbook, params string[] extra) =>
        CliRunner.RunAsync(
            ["run", runbook, "-i", lab.State.Inventory, "--no-live", .. extra],
            new Dictionary<string, string> { ["RUNBOOK_STATE_DIR"] = Path.Combine(_dir, "state") }
        );

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
