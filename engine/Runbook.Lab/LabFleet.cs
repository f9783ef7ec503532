using System.Net.Sockets;
using Runbook.Diagnostics;
using Runbook.Errors;
using Runbook.Inventories;
using Runbook.Model;
using Runbook.Transport;

namespace Runbook.Lab;

/// <summary>
/// A local fleet of real OpenSSH servers, one per inventory host, on loopback addresses only (127.0.0.0/8), for trying
/// runbooks and for integration tests. <c>UpAsync</c> starts it, <see cref="DownAsync"/> stops exactly what it
/// started.
/// </summary>
public static class LabFleet
{
    /// <summary>Starts the lab; returns null (and starts nothing) when a lab is already up in the directory.</summary>
    public static Task<LabState?> UpAsync(
        string inventoryPath,
        LabOptions options,
        CancellationToken cancellationToken
    ) => UpAsync([inventoryPath], options, cancellationToken);

    /// <summary>
    /// Starts the lab for the inventory made of several -i paths (files, directories, scripts), merged as plan and run
    /// merge them; returns null (and starts nothing) when a lab is already up in the directory.
    /// </summary>
    public static async Task<LabState?> UpAsync(
        IReadOnlyList<string> inventoryPaths,
        LabOptions options,
        CancellationToken cancellationToken
    )
    {
        ArgumentNullException.ThrowIfNull(options);
        var bag = new DiagnosticBag();
        var inventory = InventoryLoader.Load(inventoryPaths, bag);
        if (inventory is null)
            throw new InvalidInputException(bag.ToSortedList());
        if (inventory.Hosts.FirstOrDefault(h => !LabLayout.IsSafeName(h.Name)) is { } unsafeHost)
        {
            // Host names become directories under the lab: '../../x' would write keys outside it.
            throw new UsageException(
                $"host name '{VisibleText.Escape(unsafeHost.Name)}' cannot name a lab directory; lab host names use "
                    + $"letters, digits, '.', '_' and '-', and do not start with '.'"
            );
        }

        if (inventory.Hosts.Count > LabAddresses.Capacity(options.FirstOctet))
            throw new UsageException(
                $"the lab has room for {LabAddresses.Capacity(options.FirstOctet)} hosts; the inventory has "
                    + $"{inventory.Hosts.Count}"
            );

        var layout = new LabLayout(Path.GetFullPath(options.Directory));
        if (
            LabState.Load(layout.Root) is { } existing
            && existing.Hosts.Any(h => LabProcesses.IsOurSshd(h.Pid, h.Config))
        )
            return null;

        await LabPackages.EnsureAsync(options, cancellationToken).ConfigureAwait(false);
        Directory.CreateDirectory(layout.Root);
        if (LabProcesses.IsRoot())
            Directory.CreateDirectory("/run/sshd");

        var hosts = inventory
            .Hosts.Select(
                (h, i) =>
                    new LabHost(
                        h.Name,
                        LabAddresses.For(options.FirstOctet, i),
                        options.Port,
                        0,
                        layout.Config(h.Name),
                        layout.Home(h.Name)
                    )
            )
            .ToList();
        await LabKeys.CreateAsync(layout, hosts, options, cancellationToken).ConfigureAwait(false);
        await LabPki.CreateAsync(layout, hosts, cancellationToken).ConfigureAwait(false);
        var cluster = options.Cluster is null ? null : ClusterNodes(inventory, hosts, options);
        if (cluster is not null)
            LabScripts.WriteTo(layout.Bin);

        var started = new List<LabHost>();
        ClusterState? clusterState = null;
        try
        {
            var path = cluster is null ? null : LabCluster.PathFor(layout);
            await StartAllAsync(layout, hosts, options, path, started, cancellationToken).ConfigureAwait(false);
            if (cluster is not null)
            {
                clusterState =
                    options.Cluster == KubeadmCluster.Kind
                        ? await KubeadmCluster
                            .UpAsync(layout, cluster, options, cancellationToken)
                            .ConfigureAwait(false)
                        : await LabCluster.UpAsync(layout, cluster, options, cancellationToken).ConfigureAwait(false);
            }
        }
        catch
        {
            await LabCluster.StopUnitsAsync(layout).ConfigureAwait(false);
            await StopAllAsync(started, TimeSpan.FromSeconds(2)).ConfigureAwait(false);
            throw;
        }

        var user = Environment.UserName;
        File.WriteAllText(
            layout.Inventory,
            LabInventoryWriter.Render(inventory, started, layout.KnownHosts, layout.ClientKey, user, clusterState)
        );
        var state = new LabState(layout.Inventory, layout.KnownHosts, layout.ClientKey, started);
        state.Save(layout.Root);
        return state;
    }

    /// <summary>Stops the sshds the lab started (only those still running with our config) and removes the lab
    /// directory's state.</summary>
    public static async Task<IReadOnlyList<LabHost>> DownAsync(string directory)
    {
        var root = Path.GetFullPath(directory);
        if (LabState.Load(root) is not { } state)
            return [];
        var layout = new LabLayout(root);
        await LabCluster.StopUnitsAsync(layout).ConfigureAwait(false);
        var stopped = state.Hosts.Where(h => LabProcesses.IsOurSshd(h.Pid, h.Config)).ToList();
        await StopAllAsync(stopped, TimeSpan.FromSeconds(5)).ConfigureAwait(false);

        File.Delete(LabState.PathIn(root));
        var dirs = new[] { layout.Hosts, layout.Bin, layout.ClusterCa, layout.Datastore };
        foreach (var dir in dirs.Where(Directory.Exists))
            Directory.Delete(dir, recursive: true);
        File.Delete(layout.Inventory);
        File.Delete(layout.ClusterState);
        return stopped;
    }

    private static IReadOnlyList<ClusterNode> ClusterNodes(
        InventoryDefinition inventory,
        IReadOnlyList<LabHost> hosts,
        LabOptions options
    )
    {
        return options.Cluster switch
        {
            LabCluster.Rke2 or LabCluster.Etcd => LabCluster.Nodes(inventory, hosts, options.Cluster),
            KubeadmCluster.Kind => KubeadmCluster.Nodes(inventory, hosts),
            _ => throw new UsageException(
                $"unknown lab cluster '{options.Cluster}'; the lab has: {LabCluster.Rke2}, {LabCluster.Etcd}, "
                    + $"{KubeadmCluster.Kind}"
            ),
        };
    }

    /// <summary>
    /// Starts every host's sshd, <see cref="StartConcurrency"/> at a time: one after the other, 1,000 hosts took
    /// minutes; all at once they would fork a thousand sshds at the same moment. Whether all start or one fails,
    /// <paramref name="started"/> gets every host that listens, in the inventory's order, so a failure stops exactly
    /// those.
    /// </summary>
    private static async Task StartAllAsync(
        LabLayout layout,
        List<LabHost> hosts,
        LabOptions options,
        string? path,
        List<LabHost> started,
        CancellationToken cancellationToken
    )
    {
        var up = new LabHost?[hosts.Count];
        var parallel = new ParallelOptions
        {
            MaxDegreeOfParallelism = StartConcurrency,
            CancellationToken = cancellationToken,
        };
        try
        {
            await Parallel
                .ForAsync(
                    0,
                    hosts.Count,
                    parallel,
                    async (i, token) => up[i] = await StartAsync(layout, hosts[i], options, path, token)
                )
                .ConfigureAwait(false);
        }
        finally
        {
            started.AddRange(up.OfType<LabHost>());
        }
    }

    /// <summary>How many sshds the lab starts (or stops) at once.</summary>
    internal const int StartConcurrency = 16;

    /// <summary>Stops the given sshds, <see cref="StartConcurrency"/> at a time.</summary>
    private static Task StopAllAsync(List<LabHost> hosts, TimeSpan grace) =>
        Parallel.ForEachAsync(
            hosts,
            new ParallelOptions { MaxDegreeOfParallelism = StartConcurrency },
            async (host, _) => await LabProcesses.StopAsync(host.Pid, grace).ConfigureAwait(false)
        );

    private static async Task<LabHost> StartAsync(
        LabLayout layout,
        LabHost host,
        LabOptions options,
        string? path,
        CancellationToken cancellationToken
    )
    {
        var pidFile = layout.PidFile(host.Name);
        File.Delete(pidFile);
        File.WriteAllText(
            host.Config,
            SshdConfig.Render(host, layout.HostKey(host.Name), layout.AuthorizedKeys, pidFile, path)
        );
        var (exit, output) = await LabProcesses
            .RunAsync(options.SshdPath, ["-f", host.Config], cancellationToken)
            .ConfigureAwait(false);
        if (exit != 0)
            throw new LabException($"sshd for {host.Name} did not start (exit {exit}): {output.Trim()}");

        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            if (
                File.Exists(pidFile)
                && int.TryParse(File.ReadAllText(pidFile).Trim(), out var pid)
                && await AcceptsAsync(host, cancellationToken).ConfigureAwait(false)
            )
            {
                options.Log?.Invoke($"started sshd for {host.Name} on {host.Address}:{host.Port} (pid {pid})");
                return host with { Pid = pid };
            }

            if (DateTime.UtcNow > deadline)
                throw new LabException(
                    $"sshd for {host.Name} did not listen on {host.Address}:{host.Port} within 10 s"
                );
            await Task.Delay(20, cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task<bool> AcceptsAsync(LabHost host, CancellationToken cancellationToken)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            await socket.ConnectAsync(host.Address, host.Port, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    internal static string KnownHostsNames(LabHost host) =>
        string.Join(',', KnownHosts.NameFor(host.Name, host.Port), KnownHosts.NameFor(host.Address, host.Port));
}
