using System.Net;
using Runbook.Compilation;
using Runbook.Diagnostics;
using Runbook.Inventories;
using Runbook.Lab;
using Runbook.Model;
using Runbook.Transport;

namespace Runbook.Tests.Support;

/// <summary>
/// A running lab cluster (<c>lab up --cluster rke2</c>) of inventories/rke2-split-roles.yaml: 8 sshds, 3 real etcd
/// members with mutual TLS, 2 API stand-ins, 3 agents, on a free block of 127.0.0.x addresses (so etcd's fixed ports
/// do not collide with another lab) and a free SSH port, in a temp directory; torn down after the collection.
/// Every test must leave the cluster healthy (<see cref="WaitHealthyAsync"/>).
/// </summary>
public class ClusterFixture : IAsyncLifetime
{
    public const string SourceInventory = "inventories/rke2-split-roles.yaml";
    private readonly string _sourceInventory;
    private readonly string _kind;
    private readonly int _hostCount;
    private LabOptions? _options;

    public ClusterFixture()
        : this(SourceInventory, "rke2", 8) { }

    /// <summary>Another cluster kind or inventory (see <see cref="EtcdClusterFixture"/>).</summary>
    protected ClusterFixture(string sourceInventory, string kind, int hostCount)
    {
        _sourceInventory = sourceInventory;
        _kind = kind;
        _hostCount = hostCount;
    }

    public string Directory { get; } = System.IO.Directory.CreateTempSubdirectory("runbook-cluster-").FullName;

    public string LabDirectory => Path.Combine(Directory, "lab");

    public LabState State { get; private set; } = null!;

    public ClusterState Cluster { get; private set; } = null!;

    public InventoryDefinition Inventory { get; private set; } = null!;

    public SshTransport Transport { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var (octet, port) = FreeBlock(_hostCount);
        _options = new LabOptions(LabDirectory)
        {
            Port = port,
            FirstOctet = octet,
            Cluster = _kind,
        };
        await UpAsync();
    }

    /// <summary>Tears the lab down and brings a fresh one up on the same addresses, for tests that leave it changed.</summary>
    public async Task RebuildAsync()
    {
        await Transport.DisposeAsync();
        await LabFleet.DownAsync(LabDirectory);
        File.Delete(Path.Combine(Directory, "user_known_hosts"));
        await UpAsync();
    }

    private async Task UpAsync()
    {
        var options = _options!;
        State =
            await LabFleet.UpAsync(Path.Combine(RepoRoot.Path, _sourceInventory), options, CancellationToken.None)
            ?? throw new InvalidOperationException("a lab is already up in " + options.Directory);
        Cluster =
            ClusterState.Load(LabDirectory) ?? throw new InvalidOperationException("lab up wrote no cluster.json");
        var bag = new DiagnosticBag();
        Inventory =
            InventoryLoader.Load(State.Inventory, bag)
            ?? throw new InvalidOperationException(string.Join("\n", bag.ToSortedList()));
        Transport = new SshTransport(
            new SshTransportOptions
            {
                UserKnownHostsFile = Path.Combine(Directory, "user_known_hosts"),
                HomeDirectory = Directory,
                ConnectTimeout = TimeSpan.FromSeconds(5),
                Environment = _ => null,
            }
        );
    }

    /// <summary>Runs a script on a lab host over SSH, as the runbooks do (become: through the lab's sudo).</summary>
    public async Task<CommandResult> RunAsync(string host, string script, bool become = true)
    {
        var endpoint = EndpointResolver.For(Inventory, Inventory.Find(host)!);
        await using var connection = await Transport.ConnectAsync(endpoint, CancellationToken.None);
        return await connection.ExecuteAsync(
            new RemoteCommand(script, become, TimeSpan.FromSeconds(30), []),
            null,
            CancellationToken.None
        );
    }

    /// <summary>Waits until every etcd member is healthy and every API stand-in ready; fails the test otherwise.</summary>
    public static async Task<ClusterSample> WaitHealthyAsync(ClusterWatcher watcher, TimeSpan? within = null)
    {
        ArgumentNullException.ThrowIfNull(watcher);
        var sample = await watcher.WaitForAsync(s => s.Healthy, within ?? TimeSpan.FromSeconds(20));
        var samples = watcher.Samples;
        var last = samples.Count > 0 ? samples[^1].Errors.Select(e => $"{e.Key}: {e.Value}") : [];
        return sample
            ?? throw new InvalidOperationException("the lab cluster did not get healthy: " + string.Join("; ", last));
    }

    public async Task DisposeAsync()
    {
        await Transport.DisposeAsync();
        await LabFleet.DownAsync(LabDirectory);
        System.IO.Directory.Delete(Directory, recursive: true);
    }

    /// <summary>A block of loopback addresses and an SSH port where the SSH, etcd and API ports are all free.</summary>
    internal static (int Octet, int Port) FreeBlock(int hostCount)
    {
        for (var attempt = 0; attempt < 50; attempt++)
        {
            var octet = Random.Shared.Next(30, 240);
            var port = Random.Shared.Next(20000, 40000);
            int[] ports = [port, ClusterNode.EtcdClientPort, ClusterNode.EtcdPeerPort, ClusterNode.ApiPort];
            if (
                Enumerable
                    .Range(octet, hostCount)
                    .All(o => ports.All(p => LabFixture.IsFree(IPAddress.Parse($"127.0.0.{o}"), p)))
            )
                return (octet, port);
        }

        throw new InvalidOperationException("no free address block for the lab cluster");
    }
}
