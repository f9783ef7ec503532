using Runbook.Lab;
using Runbook.Tests.Support;

namespace Runbook.Tests.Cluster;

/// <summary>What the watcher sees when etcd members go down, and the rke2 stand-in's certificate rotation.</summary>
[Collection(ClusterCollection.Name)]
public sealed class ClusterOutageTests(ClusterFixture lab)
{
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task One_etcd_member_down_keeps_quorum_and_the_api_ready()
    {
        await using var watcher = ClusterWatcher.Start(lab.Cluster);
        await ClusterFixture.WaitHealthyAsync(watcher);

        Assert.Equal(0, (await lab.RunAsync("etcd-2", "systemctl stop rke2-server")).ExitCode);
        var down = await watcher.WaitForAsync(s => s.MembersDown.SequenceEqual(["etcd-2"]), Within);
        Assert.Equal(0, (await lab.RunAsync("etcd-2", "systemctl start rke2-server")).ExitCode);
        await ClusterFixture.WaitHealthyAsync(watcher);

        Assert.NotNull(down);
        Assert.True(down.Quorum);
        Assert.True(down.AllReady);
        Assert.True(watcher.MaxMembersDownAtOnce == 1, watcher.Timeline);
        Assert.True(watcher.QuorumLostAt is null, watcher.Timeline);
        Assert.Empty(watcher.ReadyzFailures);
    }

    [Fact]
    public async Task Two_etcd_members_down_lose_quorum_leave_the_third_running_unhealthy_and_readyz_503_until_they_are_back()
    {
        await using var watcher = ClusterWatcher.Start(lab.Cluster);
        await ClusterFixture.WaitHealthyAsync(watcher);

        await Task.WhenAll(
            lab.RunAsync("etcd-2", "systemctl stop rke2-server"),
            lab.RunAsync("etcd-3", "systemctl stop rke2-server")
        );
        // The stopped members refuse connections (down); etcd-1 still runs and answers, but without a quorum it has no
        // leader and its /health says false (unhealthy, not down).
        var broken = await watcher.WaitForAsync(
            s =>
                !s.Quorum
                && s.MembersDown.Order(StringComparer.Ordinal).SequenceEqual(["etcd-2", "etcd-3"])
                && s.MembersUnhealthy.SequenceEqual(["etcd-1"])
                && s.Readyz.Values.All(r => r == 503),
            Within
        );
        await Task.WhenAll(
            lab.RunAsync("etcd-2", "systemctl start rke2-server"),
            lab.RunAsync("etcd-3", "systemctl start rke2-server")
        );
        await ClusterFixture.WaitHealthyAsync(watcher);

        Assert.True(broken is not null, watcher.Timeline);
        Assert.Contains("\"health\":\"false\"", broken.Errors["etcd-1"], StringComparison.Ordinal);
        Assert.NotNull(watcher.QuorumLostAt);
        Assert.True(watcher.MaxMembersDownAtOnce >= 2);
        Assert.Contains(watcher.ReadyzFailures, f => f.Node == "cp-1" && f.Status == 503);
    }

    [Fact]
    public async Task Rotate_refuses_while_rke2_server_runs_and_reissues_certificates_once_stopped()
    {
        await using var watcher = ClusterWatcher.Start(lab.Cluster);
        await ClusterFixture.WaitHealthyAsync(watcher);
        var node = lab.Cluster.Node("etcd-3");
        var serial = $"openssl x509 -noout -serial -in {node.Tls}/server-client.crt";
        var before = (await lab.RunAsync("etcd-3", serial)).Stdout;

        var refused = await lab.RunAsync("etcd-3", $"rke2 certificate rotate --data-dir {node.DataDir}");
        var unchanged = (await lab.RunAsync("etcd-3", serial)).Stdout;
        await lab.RunAsync("etcd-3", "systemctl stop rke2-server");
        var rotated = await lab.RunAsync("etcd-3", $"rke2 certificate rotate --data-dir {node.DataDir}");
        var after = (await lab.RunAsync("etcd-3", serial)).Stdout;
        await lab.RunAsync("etcd-3", "systemctl start rke2-server");
        var healthy = await ClusterFixture.WaitHealthyAsync(watcher);

        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("rke2-server is running on etcd-3: stop it first", refused.Stderr, StringComparison.Ordinal);
        Assert.Equal(before, unchanged);
        Assert.Equal(0, rotated.ExitCode);
        Assert.Contains("issued peer-server-client.crt", rotated.Stdout, StringComparison.Ordinal);
        Assert.StartsWith("serial=", after, StringComparison.Ordinal);
        Assert.NotEqual(before, after);
        Assert.Contains("etcd-3", healthy.MembersUp);
    }
}
