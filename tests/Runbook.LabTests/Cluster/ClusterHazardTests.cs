using Runbook.Lab;
using Runbook.Tests.Support;

namespace Runbook.Tests.Cluster;

/// <summary>
/// The hazard of the naive rotation, in the lab's model: an API server started while etcd has no quorum exits at
/// start and stays failed after etcd is back, until the recovery procedure starts it again once etcd is healthy.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class ClusterHazardTests(ClusterFixture lab)
{
    [Fact]
    public async Task Api_server_started_before_etcd_has_quorum_exits_and_stays_failed_until_restarted_after_etcd()
    {
        await using var watcher = ClusterWatcher.Start(lab.Cluster);
        await ClusterFixture.WaitHealthyAsync(watcher);
        string[] etcd = ["etcd-1", "etcd-2", "etcd-3"];

        // Everything down, then restarted together with no waiting: cp-1 starts while etcd has no quorum.
        await Task.WhenAll(etcd.Append("cp-1").Select(h => lab.RunAsync(h, "systemctl stop rke2-server")));
        Assert.Equal(0, (await lab.RunAsync("cp-1", "systemctl start rke2-server")).ExitCode);
        var failedAtStart = await WaitForUnitStateAsync("cp-1", "failed", TimeSpan.FromSeconds(10));
        await Task.WhenAll(etcd.Select(h => lab.RunAsync(h, "systemctl start rke2-server")));
        var etcdBack = await watcher.WaitForAsync(s => s.EtcdHealthy, TimeSpan.FromSeconds(20));
        var state = (await lab.RunAsync("cp-1", "systemctl is-active rke2-server")).Stdout.Trim();
        var log = (await lab.RunAsync("cp-1", $"tail -n 5 {lab.Cluster.Node("cp-1").Log}")).Stdout;
        var stillBroken = await watcher.WaitForAsync(
            s => s.Quorum && s.Readyz["cp-1"] == 0 && s.Readyz["cp-2"] == 200,
            TimeSpan.FromSeconds(20)
        );

        // Recovery: etcd is healthy (above), so the control plane can start again.
        Assert.Equal(0, (await lab.RunAsync("cp-1", "systemctl start rke2-server")).ExitCode);
        await ClusterFixture.WaitHealthyAsync(watcher);

        Assert.Equal("failed", failedAtStart);
        Assert.NotNull(etcdBack);
        Assert.Equal("failed", state);
        Assert.Contains("storage not ready", log, StringComparison.Ordinal);
        Assert.NotNull(stillBroken);
        Assert.NotNull(watcher.QuorumLostAt);
        Assert.Equal(3, watcher.MaxMembersDownAtOnce);
    }

    private async Task<string> WaitForUnitStateAsync(string host, string wanted, TimeSpan within)
    {
        var deadline = DateTime.UtcNow + within;
        string state;
        do
        {
            state = (await lab.RunAsync(host, "systemctl is-active rke2-server")).Stdout.Trim();
            if (state == wanted)
                break;
            await Task.Delay(200);
        } while (DateTime.UtcNow < deadline);
        return state;
    }
}
