using Runbook.Lab;
using Runbook.Tests.Support;

namespace Runbook.Tests.Cluster;

/// <summary>
/// The shipped kubeadm renewal runbook with one step added that fails once the first node's control-plane manifests
/// are out and its pods stopped: the runbook's own <c>on_failure</c> must put the manifests back and wait until that
/// node's API server and etcd member run again, and the run must stop there without touching the other nodes.
/// </summary>
[Collection(KubeadmCollection.Name)]
public sealed class KubeadmRenewalFailureTests(KubeadmFixture lab) : IDisposable
{
    private const string MoveBack = "      - name: Move the manifests back\n";
    private static readonly string[] Pods = ["etcd", "kube-apiserver"];
    private readonly string _dir = Directory.CreateTempSubdirectory("runbook-kubeadm-failure-").FullName;

    [Fact]
    public async Task A_failure_after_the_manifests_moved_puts_them_back_and_the_control_plane_runs_again()
    {
        var nodes = lab.Cluster.ControlPlane;
        var first = nodes[0];
        var pids = nodes.ToDictionary(n => n.Name, n => Pods.Select(p => KubeadmRenewalTests.Pid(n, p)).ToArray());
        var vips = nodes.ToDictionary(n => n.Name, n => KubeadmRenewalTests.Pid(n, "kube-vip"));
        var runbook = Path.Combine(_dir, "kubeadm-certificate-renewal.yaml");
        var text = await File.ReadAllTextAsync(
            Path.Combine(RepoRoot.Path, "runbooks/kubeadm-certificate-renewal.yaml")
        );
        Assert.Contains(MoveBack, text);
        await File.WriteAllTextAsync(
            runbook,
            text.Replace(
                MoveBack,
                "      - name: Injected failure\n        run: echo injected failure >&2; exit 1\n" + MoveBack,
                StringComparison.Ordinal
            )
        );
        await using var watcher = ClusterWatcher.Start(lab.Cluster, Path.Combine(_dir, "watch.ndjson"));
        Assert.NotNull(await watcher.WaitForAsync(s => s.Healthy, TimeSpan.FromSeconds(20)));
        var start = DateTimeOffset.UtcNow;

        var run = await CliRunner.RunAsync(
            ["run", runbook, "-i", lab.State.Inventory, "--no-live", "--param", "file_check_wait=1s"],
            new Dictionary<string, string> { ["RUNBOOK_STATE_DIR"] = Path.Combine(_dir, "state") }
        );
        var healthy = await watcher.WaitForAsync(s => s.Healthy, TimeSpan.FromSeconds(20));
        await watcher.DisposeAsync();

        // A step failed (exit 1), on the first node, after its pods had stopped; the other nodes never started.
        Assert.True(run.ExitCode == 1, run.Stdout + run.Stderr);
        Assert.Contains("injected failure", run.Stdout + run.Stderr, StringComparison.Ordinal);
        Assert.Contains(watcher.Samples, s => s.MembersDown.Contains(first.Name));
        Assert.Contains(watcher.Samples, s => s.Readyz[first.Name] != 200);

        // on_failure put every moved manifest back and removed its scratch directory; the pods run again, as new
        // processes, and the cluster is healthy without anyone stepping in.
        Assert.NotNull(healthy);
        Assert.Equal(
            ["etcd.yaml", "kube-apiserver.yaml", "kube-vip.yaml"],
            Directory.GetFiles(first.Manifests).Select(Path.GetFileName).Order(StringComparer.Ordinal)
        );
        Assert.False(Directory.Exists(first.Manifests + ".runbook-paused"));
        Assert.All(Pods.Zip(pids[first.Name]), p => Assert.NotEqual(p.Second, KubeadmRenewalTests.Pid(first, p.First)));
        var events = KubeadmRenewalTests.KubeletEvents(first, start);
        Assert.All(Pods, p => Assert.Contains(events, e => e.Text == "starting static pod " + p));
        Assert.True(watcher.MaxMembersDownAtOnce == 1, watcher.Timeline);
        Assert.True(watcher.QuorumLostAt is null, watcher.Timeline);

        // Nothing else moved: the other nodes' pods and every kube-vip are the same processes as before.
        Assert.All(
            nodes.Skip(1),
            n => Assert.Equal(pids[n.Name], Pods.Select(p => KubeadmRenewalTests.Pid(n, p)).ToArray())
        );
        Assert.All(nodes, n => Assert.Equal(vips[n.Name], KubeadmRenewalTests.Pid(n, "kube-vip")));
    }

    [Fact]
    public async Task A_renewal_that_does_not_move_the_expiry_stops_before_any_pod_goes_down()
    {
        var nodes = lab.Cluster.ControlPlane;
        var pids = nodes.ToDictionary(n => n.Name, n => Pods.Select(p => KubeadmRenewalTests.Pid(n, p)).ToArray());
        var text = await File.ReadAllTextAsync(
            Path.Combine(RepoRoot.Path, "runbooks/kubeadm-certificate-renewal.yaml")
        );
        const string Renew = "        run: kubeadm certs renew all\n";
        Assert.Contains(Renew, text);
        var runbook = Path.Combine(_dir, "kubeadm-certificate-renewal.yaml");
        // A renewal that renews nothing, as when the certificates are externally managed.
        await File.WriteAllTextAsync(runbook, text.Replace(Renew, "        run: \"true\"\n", StringComparison.Ordinal));
        var start = DateTimeOffset.UtcNow;

        var run = await CliRunner.RunAsync(
            ["run", runbook, "-i", lab.State.Inventory, "--no-live", "--param", "file_check_wait=1s"],
            new Dictionary<string, string> { ["RUNBOOK_STATE_DIR"] = Path.Combine(_dir, "state") }
        );

        Assert.True(run.ExitCode == 1, run.Stdout + run.Stderr);
        Assert.Contains(
            "apiserver-etcd-client.crt: expiry did not move",
            run.Stdout + run.Stderr,
            StringComparison.Ordinal
        );
        Assert.All(nodes, n => Assert.Empty(KubeadmRenewalTests.KubeletEvents(n, start)));
        Assert.All(nodes, n => Assert.Equal(pids[n.Name], Pods.Select(p => KubeadmRenewalTests.Pid(n, p)).ToArray()));
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
