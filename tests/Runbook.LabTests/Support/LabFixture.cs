using System.Net;
using System.Net.Sockets;
using Runbook.Compilation;
using Runbook.Diagnostics;
using Runbook.Inventories;
using Runbook.Lab;
using Runbook.Model;
using Runbook.Transport;

namespace Runbook.Tests.Support;

/// <summary>
/// A running lab fleet for integration tests: one real sshd per host of Lab/Cases/lab-fleet.yaml (bastion, etcd-1,
/// cp-1 behind the bastion, worker-1) on 127.0.0.11-14, a free port, in a temp directory; torn down after the
/// collection. Use it with <c>[Collection(LabCollection.Name)]</c> and a constructor parameter of this type.
/// </summary>
public sealed class LabFixture : IAsyncLifetime
{
    public const string SourceInventory = "tests/Runbook.LabTests/Lab/Cases/lab-fleet.yaml";

    /// <summary>The lab directory (temp); <see cref="InventoryPath"/>, known_hosts and keys are inside it.</summary>
    public string Directory { get; } = System.IO.Directory.CreateTempSubdirectory("runbook-lab-").FullName;

    public string InventoryPath => State.Inventory;

    public LabState State { get; private set; } = null!;

    /// <summary>The lab inventory as loaded from <see cref="InventoryPath"/>: hosts at their lab addresses.</summary>
    public InventoryDefinition Inventory { get; private set; } = null!;

    /// <summary>A transport for the lab, shared by the collection: strict host keys against the lab known_hosts.</summary>
    public SshTransport Transport { get; private set; } = null!;

    /// <summary>
    /// Options for a transport of your own: strict, an empty user known_hosts in the lab dir, no real ~/.ssh. The lab
    /// known_hosts comes with each host's endpoint (<see cref="Host(string)"/>), as it does with a compiled plan's.
    /// </summary>
    public SshTransportOptions TransportOptions(Func<string, string?>? environment = null) =>
        new()
        {
            UserKnownHostsFile = Path.Combine(Directory, "user_known_hosts"),
            HomeDirectory = Directory,
            ConnectTimeout = TimeSpan.FromSeconds(5),
            Environment = environment ?? (_ => null),
        };

    /// <summary>A lab host's endpoint, as a plan compiled against the lab inventory has it.</summary>
    public HostEndpoint Host(string name) => Host(name, Inventory.KnownHostsFile);

    /// <summary>A lab host's endpoint as if the lab inventory named another known_hosts file (or none).</summary>
    public HostEndpoint Host(string name, string? knownHostsFile) =>
        EndpointResolver.For(
            Inventory with
            {
                KnownHostsFile = knownHostsFile,
            },
            Inventory.Find(name) ?? throw new ArgumentException($"no lab host {name}", nameof(name))
        );

    public async Task InitializeAsync()
    {
        var options = new LabOptions(Path.Combine(Directory, "lab")) { Port = FreePort(11, 4) };
        State =
            await LabFleet.UpAsync(Path.Combine(RepoRoot.Path, SourceInventory), options, CancellationToken.None)
            ?? throw new InvalidOperationException("a lab is already up in " + options.Directory);
        var bag = new DiagnosticBag();
        Inventory =
            InventoryLoader.Load(State.Inventory, bag)
            ?? throw new InvalidOperationException(string.Join("\n", bag.ToSortedList()));
        Transport = new SshTransport(TransportOptions());
    }

    public async Task DisposeAsync()
    {
        await Transport.DisposeAsync();
        await LabFleet.DownAsync(Path.Combine(Directory, "lab"));
        System.IO.Directory.Delete(Directory, recursive: true);
    }

    /// <summary>
    /// A port free on the addresses of a lab of <paramref name="count"/> hosts whose first is 127.0.0.first (past
    /// 127.0.0.254 they go on as <see cref="LabAddresses"/> says), so test runs of several worktrees do not collide.
    /// </summary>
    public static int FreePort(int first, int count)
    {
        for (var attempt = 0; attempt < 50; attempt++)
        {
            var port = Random.Shared.Next(20000, 40000);
            if (Enumerable.Range(0, count).All(i => IsFree(IPAddress.Parse(LabAddresses.For(first, i)), port)))
                return port;
        }

        throw new InvalidOperationException("no free port for the lab");
    }

    /// <summary>Whether nothing listens on a loopback address and port (shared by the lab and cluster fixtures).</summary>
    internal static bool IsFree(IPAddress address, int port)
    {
        try
        {
            using var listener = new TcpListener(address, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
