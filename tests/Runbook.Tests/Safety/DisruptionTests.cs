using Runbook.Safety;
using Runbook.Tests.Support;

namespace Runbook.Tests.Safety;

/// <summary>
/// What the safety rules count as taking a host down (besides systemctl and reboot, UnitActionTests), how a step's
/// 'disrupts' shows in plans, and the double rotation RB1013 finds in the RKE2 rotation as it was before it selected
/// control-plane-only servers in its second phase.
/// </summary>
public class DisruptionTests
{
    [Theory]
    [InlineData("mv /etc/kubernetes/manifests/etcd.yaml /root/paused/", true)]
    [InlineData("mv '/etc/kubernetes/manifests'/\"$name\".yaml '/etc/kubernetes/manifests'.runbook-paused/", true)]
    [InlineData("rm -f /var/lib/rancher/rke2/agent/pod-manifests/kube-apiserver.yaml", true)]
    [InlineData("find /etc/kubernetes/manifests -name 'kube-*.yaml' -delete", true)]
    [InlineData("for f in /tmp/paused/*.yaml; do mv \"$f\" /etc/kubernetes/manifests/; done", false)]
    [InlineData("mv /etc/kubernetes/manifests.paused/etcd.yaml /etc/kubernetes/manifests/", false)]
    [InlineData("crictl stop $(crictl ps -q --name etcd)", true)]
    [InlineData("crictl --timeout 5s rmp -f abc", true)]
    [InlineData("crictl ps", false)]
    [InlineData("sudo pkill -f kube-apiserver", true)]
    [InlineData("killall -9 kubelet", true)]
    [InlineData("kill -9 $(pidof etcd)", true)]
    [InlineData("kill $(cat /run/my-script.pid)", false)]
    [InlineData("pkill -f my-script.sh", false)]
    [InlineData("systemctl kill rke2-server", true)]
    [InlineData("systemctl restart 'rke2-*'", true)]
    [InlineData("kubeadm upgrade node", true)]
    [InlineData("kubeadm reset -f", true)]
    [InlineData("kubeadm init phase control-plane apiserver", true)]
    [InlineData("kubeadm certs check-expiration", false)]
    [InlineData("rke2 certificate rotate --data-dir /var/lib/rancher/rke2", true)]
    [InlineData("rke2 certificate check", false)]
    [InlineData("rke2 server --cluster-reset", true)]
    [InlineData("/usr/local/bin/rke2-killall.sh", true)]
    [InlineData("echo ready\npoweroff", true)]
    public void Commands_that_take_a_member_down_are_recognised(string command, bool disrupts)
    {
        Assert.Equal(disrupts, DisruptiveCommand.Why(command) is not null);
    }

    [Fact]
    public async Task Plans_show_what_a_step_says_it_disrupts()
    {
        const string Case = "tests/Runbook.Tests/Safety/Cases/declared-disruption.yaml";
        var text = await CliRunner.RunAsync("plan", Case, "-i", "inventories/rke2-split-roles.yaml");
        Assert.True(text.ExitCode == 0, text.Stderr);
        Assert.Contains("[run, disrupts]", text.Stdout, StringComparison.Ordinal);
        Assert.Contains("[run, disrupts control-plane]", text.Stdout, StringComparison.Ordinal);

        var json = await CliRunner.RunAsync(
            "plan",
            Case,
            "-i",
            "inventories/rke2-split-roles.yaml",
            "--format",
            "json"
        );
        Assert.Contains(
            "\"disrupts\":true",
            json.Stdout.Replace(" ", "", StringComparison.Ordinal),
            StringComparison.Ordinal
        );
        Assert.Contains(
            "\"disrupts\":[\"control-plane\"]",
            json.Stdout.Replace(" ", "", StringComparison.Ordinal).Replace("\n", "", StringComparison.Ordinal),
            StringComparison.Ordinal
        );
    }

    [Fact]
    public async Task A_rke2_rotation_selecting_every_control_plane_second_rotates_combined_servers_twice()
    {
        var shipped = await File.ReadAllTextAsync(
            Path.Combine(RepoRoot.Path, "runbooks/rke2-certificate-rotation.yaml")
        );
        const string Fixed = "hosts: role=control-plane and role!=etcd";
        Assert.Contains(Fixed, shipped, StringComparison.Ordinal);
        var dir = Directory.CreateTempSubdirectory("runbook-double-").FullName;
        try
        {
            var old = Path.Combine(dir, "rotation.yaml");
            await File.WriteAllTextAsync(
                old,
                shipped.Replace(Fixed, "hosts: role=control-plane", StringComparison.Ordinal)
            );

            var combined = await CliRunner.RunAsync("validate", old, "-i", "inventories/rke2-combined.yaml");
            Assert.Contains(
                "warning RB1013: phase 'control-plane' takes server-1, server-2, server-3 down again after phase "
                    + "'etcd' did: its hosts (role=control-plane) overlap those of 'etcd' (role=etcd)",
                combined.Stdout,
                StringComparison.Ordinal
            );
            var split = await CliRunner.RunAsync("validate", old, "-i", "inventories/rke2-split-roles.yaml");
            Assert.DoesNotContain("RB1013", split.Stdout, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
