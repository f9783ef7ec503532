using Runbook.Lab;

namespace Runbook.Tests.Support;

/// <summary>
/// A running kubeadm lab cluster (<c>lab up --cluster kubeadm</c>) of inventories/kubeadm-cluster.yaml: 5 sshds, and on
/// the 3 control-plane hosts a kubelet stand-in running a real etcd member (stacked, mutual TLS) and an API stand-in as
/// static pods, on a free block of 127.0.0.x addresses and a free SSH port, in a temp directory; torn down after the
/// collection. Every test must leave the cluster healthy.
/// </summary>
public sealed class KubeadmFixture : IAsyncLifetime
{
    public const string SourceInventory = "inventories/kubeadm-cluster.yaml";
    private const int HostCount = 5;

    public string Directory { get; } = System.IO.Directory.CreateTempSubdirectory("runbook-kubeadm-").FullName;

    public string LabDirectory => Path.Combine(Directory, "lab");

    public LabState State { get; private set; } = null!;

    public ClusterState Cluster { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var (octet, port) = ClusterFixture.FreeBlock(HostCount);
        var options = new LabOptions(LabDirectory)
        {
            Port = port,
            FirstOctet = octet,
            Cluster = "kubeadm",
        };
        State =
            await LabFleet.UpAsync(Path.Combine(RepoRoot.Path, SourceInventory), options, CancellationToken.None)
            ?? throw new InvalidOperationException("a lab is already up in " + options.Directory);
        Cluster =
            ClusterState.Load(LabDirectory) ?? throw new InvalidOperationException("lab up wrote no cluster.json");
    }

    public async Task DisposeAsync()
    {
        await LabFleet.DownAsync(LabDirectory);
        System.IO.Directory.Delete(Directory, recursive: true);
    }
}
