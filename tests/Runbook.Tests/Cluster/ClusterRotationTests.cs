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
        const string runbook = "runbooks/rke2-certificate-rotation.yaml";
        var servers = lab.Cluster.Etcd.Concat(lab.Cluster.ControlPlane).ToList();
        var before = servers.ToDictionary(n => n.Name, n => File.ReadAllText(Path.Combine(n.Tls, "server-client.crt")));
        await using var watcher = ClusterWatcher.Start(lab.Cluster, Path.Combine(_dir, "watch.ndjson"));
        await ClusterFixture.WaitHealthyAsync(watcher);

        var run = await CliRunner.RunAsync(
            ["run", runbook, "-i", lab.State.Inventory, "--no-live", "--param", "settle=1s"],
            new Dictionary<string, string> { ["RUNBOOK_STATE_DIR"] = Path.Combine(_dir, "state") });
        await ClusterFixture.WaitHealthyAsync(watcher);
        await watcher.DisposeAsync();

        Assert.True(run.ExitCode == 0, run.Stdout + run.Stderr);
        Assert.Equal(watcher.Samples.Count, File.ReadAllLines(Path.Combine(_dir, "watch.ndjson")).Length);
        Assert.Equal(1, watcher.MaxMembersDownAtOnce);
        Assert.Null(watcher.QuorumLostAt);
        Assert.DoesNotContain(watcher.Samples, s => s.Readyz.Values.All(status => status != 200));
        Assert.All(servers, n => Assert.NotEqual(before[n.Name], File.ReadAllText(Path.Combine(n.Tls, "server-client.crt"))));
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
