using Runbook.Lab;
using Runbook.Tests.Support;

namespace Runbook.Tests.Cluster;

/// <summary>
/// The shipped RKE2 rotation runbook on the lab cluster, watched: one etcd member down at a time, quorum kept, never
/// both API servers down, every server's certificates re-issued. The runbook is adapted for the lab first (see
/// <see cref="ForLab"/>) until it reads the lab's per-host paths itself.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class ClusterRotationTests(ClusterFixture lab) : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("runbook-rotation-").FullName;

    [Fact]
    public async Task Rotation_runbook_keeps_etcd_quorum_and_an_api_server_ready_throughout()
    {
        var runbook = Path.Combine(_dir, "rke2-certificate-rotation.yaml");
        await File.WriteAllTextAsync(runbook, ForLab(await File.ReadAllTextAsync("runbooks/rke2-certificate-rotation.yaml")));
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

    /// <summary>
    /// What the lab needs from the runbook: each host's own data_dir and kubeconfig (host vars of the lab inventory),
    /// etcd at the host's address (lab members cannot all listen on 127.0.0.1:2379), and etcdctl 3.4's health lines,
    /// which it prints on stderr. Each replacement is a no-op once the runbook does it itself.
    /// </summary>
    private static string ForLab(string yaml) => yaml
        .Replace("{{ params.data_dir }}", "{{ host.vars.data_dir }}", StringComparison.Ordinal)
        .Replace("{{ params.kubeconfig }}", "{{ host.vars.kubeconfig }}", StringComparison.Ordinal)
        .Replace("https://127.0.0.1:2379", "https://{{ host.address }}:2379", StringComparison.Ordinal)
        .Replace("endpoint health --cluster\n", "endpoint health --cluster 2>&1\n", StringComparison.Ordinal);

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
