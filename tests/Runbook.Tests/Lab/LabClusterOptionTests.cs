using Runbook.Lab;
using Runbook.Tests.Support;

namespace Runbook.Tests.Lab;

/// <summary>What <c>lab up --cluster</c> accepts before it starts anything.</summary>
public sealed class LabClusterOptionTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("runbook-lab-cluster-opt-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task An_unknown_cluster_kind_is_a_usage_error_and_starts_nothing()
    {
        var up = await CliRunner.RunAsync(
            "lab",
            "up",
            "-i",
            "inventories/rke2-split-roles.yaml",
            "--dir",
            _dir,
            "--cluster",
            "k3s"
        );

        Assert.Equal(2, up.ExitCode);
        Assert.Contains("k3s", up.Stderr, StringComparison.Ordinal);
        Assert.Null(LabState.Load(_dir));
    }

    [Theory]
    [InlineData("../../x")]
    [InlineData("..")]
    [InlineData("a/b")]
    public async Task A_host_name_that_is_not_one_plain_directory_name_is_refused_before_anything_is_written(
        string name
    )
    {
        var inventory = Path.Combine(_dir, "hostile.yaml");
        File.WriteAllText(
            inventory,
            $"inventory: hostile\nhosts:\n  \"{name}\": {{ address: 10.0.0.1, roles: [a] }}\n"
        );
        var lab = Path.Combine(_dir, "lab", "inner");
        var up = await CliRunner.RunAsync("lab", "up", "-i", inventory, "--dir", lab);

        Assert.Equal(2, up.ExitCode);
        Assert.Contains($"host name '{name}' cannot name a lab directory", up.Stderr, StringComparison.Ordinal);
        Assert.Equal(["hostile.yaml"], Directory.EnumerateFileSystemEntries(_dir).Select(Path.GetFileName));
    }

    [Theory]
    [InlineData("etcd,rke2_servers", ClusterRole.Etcd)]
    [InlineData("control-plane", ClusterRole.ControlPlane)]
    [InlineData("worker", ClusterRole.Worker)]
    [InlineData("bastion", ClusterRole.None)]
    public void A_host_role_maps_to_what_it_runs(string roles, ClusterRole expected) =>
        Assert.Equal(expected, ClusterNode.RoleOf(roles.Split(',')));

    [Fact]
    public void A_server_with_etcd_and_control_plane_is_combined_but_a_worker_is_never_also_a_server()
    {
        Assert.Equal(ClusterRole.Stacked, ClusterNode.RoleOf(["etcd", "control-plane", "rke2_servers"]));
        var error = Assert.Throws<LabException>(() => ClusterNode.RoleOf(["etcd", "worker"]));

        Assert.Contains("never also a worker: a host has etcd and worker", error.Message, StringComparison.Ordinal);
    }
}
