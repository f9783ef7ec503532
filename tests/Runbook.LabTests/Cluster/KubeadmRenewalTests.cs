using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using Runbook.Lab;
using Runbook.Tests.Support;

namespace Runbook.Tests.Cluster;

/// <summary>
/// The shipped kubeadm renewal runbook on the kubeadm lab cluster, unchanged (the lab inventory's host vars give it each
/// host's kubeconfig, manifests_dir and pki_dir), watched: every control-plane node's certificates renewed, its static
/// pods restarted by moving the manifests, one node at a time, with etcd quorum and a ready API server throughout. The
/// kube-vip-like static pod beside them is never touched: only the control-plane manifests move.
/// </summary>
[Collection(KubeadmCollection.Name)]
public sealed class KubeadmRenewalTests(KubeadmFixture lab) : IDisposable
{
    private static readonly string[] Leaves =
    [
        "etcd/server",
        "etcd/peer",
        "etcd/healthcheck-client",
        "apiserver-etcd-client",
    ];
    private static readonly string[] Pods = ["etcd", "kube-apiserver"];
    private readonly string _dir = Directory.CreateTempSubdirectory("runbook-kubeadm-renewal-").FullName;

    [Fact]
    public async Task Renewal_runbook_restarts_each_node_static_pods_with_new_certificates_one_node_at_a_time()
    {
        var nodes = lab.Cluster.ControlPlane;
        Assert.Equal(3, nodes.Count);
        var serials = nodes.ToDictionary(n => n.Name, Serials);
        var pids = nodes.ToDictionary(n => n.Name, Pids);
        var vips = nodes.ToDictionary(n => n.Name, n => Pid(n, "kube-vip"));
        var start = DateTimeOffset.UtcNow;
        await using var watcher = ClusterWatcher.Start(lab.Cluster, Path.Combine(_dir, "watch.ndjson"));
        Assert.NotNull(await watcher.WaitForAsync(s => s.Healthy, TimeSpan.FromSeconds(20)));

        // file_check_wait=1s is shorter than the lab kubelet's 2 s check: the runbook's own check that the pods stopped
        // is what keeps the manifests out until kubelet has stopped them.
        var run = await CliRunner.RunAsync(
            [
                "run",
                "runbooks/kubeadm-certificate-renewal.yaml",
                "-i",
                lab.State.Inventory,
                "--no-live",
                "--param",
                "file_check_wait=1s",
                "--param",
                "fetch_admin_conf=true",
            ],
            new Dictionary<string, string> { ["RUNBOOK_STATE_DIR"] = Path.Combine(_dir, "state") }
        );
        var healthy = await watcher.WaitForAsync(s => s.Healthy, TimeSpan.FromSeconds(20));
        await watcher.DisposeAsync();

        Assert.True(run.ExitCode == 0, run.Stdout + run.Stderr);
        Assert.NotNull(healthy);
        Assert.All(
            nodes,
            n =>
                Assert.All(
                    Leaves.Zip(Serials(n)),
                    leaf => Assert.NotEqual(serials[n.Name][Array.IndexOf(Leaves, leaf.First)], leaf.Second)
                )
        );
        Assert.All(nodes, n => Assert.All(Pids(n).Zip(pids[n.Name]), p => Assert.NotEqual(p.Second, p.First)));
        foreach (var node in nodes)
            Assert.Equal(Serials(node)[0], await ServedSerialAsync(node));

        // Each node's etcd member and API server went down while its manifests were out, and never two nodes at once:
        // the kubelets' own logs say when each node's pods were stopped and started again.
        Assert.True(watcher.MaxMembersDownAtOnce == 1, watcher.Timeline);
        Assert.True(watcher.QuorumLostAt is null, watcher.Timeline);
        Assert.All(nodes, n => Assert.Contains(watcher.Samples, s => s.MembersDown.Contains(n.Name)));
        Assert.All(nodes, n => Assert.Contains(watcher.Samples, s => s.Readyz[n.Name] != 200));
        var outages = nodes.Select(n => PodOutage(n, start)).OrderBy(o => o.Stopped).ToList();
        Assert.All(
            outages.Zip(outages.Skip(1)),
            pair =>
                Assert.True(
                    pair.First.Started < pair.Second.Stopped,
                    $"{pair.Second.Node}'s pods were stopped at {pair.Second.Stopped:HH:mm:ss.fff}, before "
                        + $"{pair.First.Node}'s came back at {pair.First.Started:HH:mm:ss.fff}"
                )
        );
        Assert.True(watcher.Samples[^1].AllReady);

        // kube-vip carries an HA cluster's virtual IP: its manifest stayed and its pod ran throughout, same process.
        Assert.All(nodes, n => Assert.True(File.Exists(Path.Combine(n.Manifests, "kube-vip.yaml")), n.Name));
        Assert.All(nodes, n => Assert.Equal(vips[n.Name], Pid(n, "kube-vip")));
        Assert.All(nodes, n => Assert.True(KubeletEvents(n, start).All(e => !e.Text.Contains("kube-vip")), n.Name));

        // fetch_admin_conf: each node's admin.conf, as it is after the renewal, is in the run's directory.
        var runDir = Assert.Single(Directory.GetDirectories(Path.Combine(_dir, "state", "runs")));
        Assert.All(
            nodes,
            n =>
                Assert.Equal(
                    File.ReadAllText(n.AdminConf),
                    File.ReadAllText(Path.Combine(runDir, "admin-conf", n.Name, "admin.conf"))
                )
        );
    }

    /// <summary>
    /// From the node's kubelet log since the run started (another test of the collection may have restarted pods
    /// before): when it began stopping the first static pod (manifests moved out) and when it had started every pod
    /// again.
    /// </summary>
    private static (string Node, DateTimeOffset Stopped, DateTimeOffset Started) PodOutage(
        ClusterNode node,
        DateTimeOffset since
    )
    {
        var events = KubeletEvents(node, since);
        var stops = events.Where(e => e.Text.StartsWith("stopping static pod ", StringComparison.Ordinal)).ToList();
        Assert.Equal(Pods.Length, stops.Count);
        var restarted = Pods.Select(pod =>
            events.First(e => e.Text == "starting static pod " + pod && e.At >= stops[0].At).At
        );
        return (node.Name, stops[0].At, restarted.Max());
    }

    /// <summary>The kubelet stand-in's log lines of the node from <paramref name="since"/> on.</summary>
    internal static List<(DateTimeOffset At, string Text)> KubeletEvents(ClusterNode node, DateTimeOffset since) =>
        File.ReadAllLines(node.Log)
            .Select(line => line.Split(' ', 3))
            .Where(parts => parts.Length == 3 && parts[1] == "kubelet:")
            .Select(parts =>
                (At: DateTimeOffset.Parse(parts[0], System.Globalization.CultureInfo.InvariantCulture), Text: parts[2])
            )
            .Where(e => e.At >= since)
            .ToList();

    internal static string Pid(ClusterNode node, string pod) => File.ReadAllText(node.PodPidFile(pod)).Trim();

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static string[] Serials(ClusterNode node) =>
        Leaves
            .Select(l =>
                X509Certificate2.CreateFromPem(File.ReadAllText(Path.Combine(node.Pki, l + ".crt"))).SerialNumber
            )
            .ToArray();

    private static string[] Pids(ClusterNode node) => Pods.Select(p => Pid(node, p)).ToArray();

    /// <summary>The serial of the certificate the node's etcd member serves: the renewed one only after a restart.</summary>
    private async Task<string> ServedSerialAsync(ClusterNode node)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(node.Address, ClusterNode.EtcdClientPort);
        using var client = X509Certificate2.CreateFromPemFile(lab.Cluster.CertFile, lab.Cluster.KeyFile);
        using var ca = X509Certificate2.CreateFromPem(File.ReadAllText(lab.Cluster.CaFile));
        var policy = new X509ChainPolicy
        {
            TrustMode = X509ChainTrustMode.CustomRootTrust,
            RevocationMode = X509RevocationMode.NoCheck,
        };
        policy.CustomTrustStore.Add(ca);
        await using var tls = new SslStream(tcp.GetStream());
        await tls.AuthenticateAsClientAsync(
            new SslClientAuthenticationOptions
            {
                TargetHost = node.Address,
                ClientCertificates = [client],
                CertificateChainPolicy = policy,
            }
        );
        return new X509Certificate2(tls.RemoteCertificate!).SerialNumber;
    }
}
