using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Runbook.Lab;
using Runbook.Tests.Support;

namespace Runbook.Tests.Cluster;

/// <summary>The lab cluster as lab up leaves it: healthy, with real mutual TLS, reachable through the stand-ins over SSH.</summary>
[Collection(ClusterCollection.Name)]
public sealed class ClusterUpTests(ClusterFixture lab)
{
    [Fact]
    public async Task Comes_up_with_three_healthy_members_and_ready_api_servers()
    {
        await using var watcher = ClusterWatcher.Start(lab.Cluster);

        var sample = await ClusterFixture.WaitHealthyAsync(watcher);

        Assert.Equal(["etcd-1", "etcd-2", "etcd-3"], sample.MembersUp.Order(StringComparer.Ordinal));
        Assert.True(sample.Quorum);
        Assert.Equal(new Dictionary<string, int> { ["cp-1"] = 200, ["cp-2"] = 200 }, sample.Readyz);
    }

    [Fact]
    public async Task Etcd_refuses_a_client_without_a_certificate()
    {
        using var ca = X509Certificate2.CreateFromPem(File.ReadAllText(lab.Cluster.CaFile));
        var policy = new X509ChainPolicy
        {
            TrustMode = X509ChainTrustMode.CustomRootTrust,
            RevocationMode = X509RevocationMode.NoCheck,
        };
        policy.CustomTrustStore.Add(ca);
        using var client = new HttpClient(
            new SocketsHttpHandler
            {
                SslOptions = new SslClientAuthenticationOptions { CertificateChainPolicy = policy },
            }
        );

        // Go (etcd) answers a TLS client that sends no certificate with the alert bad_certificate.
        var error = await Assert.ThrowsAsync<HttpRequestException>(() =>
            client.GetStringAsync(new Uri(lab.Cluster.Etcd[0].EtcdUrl + "/health"))
        );

        Assert.Contains("alert bad certificate", ClusterProbe.Describe(error), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Kubectl_stand_in_reports_readyz_and_ready_workers()
    {
        var node = lab.Cluster.Node("cp-1");

        var readyz = await lab.RunAsync(
            "cp-1",
            $"{node.DataDir}/bin/kubectl --kubeconfig {node.Kubeconfig} get --raw /readyz",
            become: false
        );
        var ready = await lab.RunAsync(
            "cp-2",
            $"kubectl get node worker-2 -o jsonpath='{{.status.conditions[?(@.type==\"Ready\")].status}}'"
        );

        Assert.Equal((0, "ok\n"), (readyz.ExitCode, readyz.Stdout));
        Assert.Equal((0, "True"), (ready.ExitCode, ready.Stdout));
    }

    [Fact]
    public async Task Systemctl_stand_in_fails_on_an_unknown_unit_like_systemd()
    {
        var stop = await lab.RunAsync("etcd-1", "systemctl stop rke2");
        var start = await lab.RunAsync("etcd-1", "systemctl start rke2");
        var unknown = await lab.RunAsync("etcd-1", "systemctl is-active rke2");
        var active = await lab.RunAsync("etcd-1", "systemctl is-active rke2-server.service");

        Assert.Equal((5, "Failed to stop rke2.service: Unit rke2.service not loaded.\n"), (stop.ExitCode, stop.Stderr));
        Assert.Equal(
            (5, "Failed to start rke2.service: Unit rke2.service not found.\n"),
            (start.ExitCode, start.Stderr)
        );
        Assert.Equal((3, "inactive\n"), (unknown.ExitCode, unknown.Stdout));
        Assert.Equal((0, "active\n"), (active.ExitCode, active.Stdout));
    }
}
