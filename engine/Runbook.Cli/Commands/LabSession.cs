using Runbook.Lab;

namespace Runbook.Cli.Commands;

/// <summary>
/// <c>runbook run … --lab [--lab-cluster rke2]</c>: a lab fleet (and cluster) made from the inventory for the length of one run. A lab that is already up
/// in the same directory is reused and left running; one started here is stopped afterwards. With a cluster, the
/// cluster watcher samples it while the run goes on, into the run's directory (<see cref="WatchInto"/>), where
/// <c>runbook report</c> reads the samples.
/// </summary>
internal sealed class LabSession : IAsyncDisposable
{
    private readonly string _directory;
    private readonly bool _started;
    private readonly ClusterState? _cluster;
    private ClusterWatcher? _watcher;

    private LabSession(string directory, string inventoryPath, bool started, bool cluster)
    {
        _directory = directory;
        InventoryPath = inventoryPath;
        _started = started;
        _cluster = cluster ? ClusterState.Load(directory) : null;
    }

    /// <summary>The lab inventory: the hosts of the source inventory at their lab addresses.</summary>
    public string InventoryPath { get; }

    public static async Task<LabSession> StartAsync(
        string inventoryPath,
        string? cluster,
        CliContext cli,
        CancellationToken cancellationToken
    )
    {
        var directory = Path.Combine(
            ".lab",
            Path.GetFileNameWithoutExtension(inventoryPath) + (cluster is null ? string.Empty : "-" + cluster)
        );
        var options = new LabOptions(directory)
        {
            Cluster = cluster,
            Log = message => cli.Error.WriteLine($"lab: {message}"),
        };
        var state = await LabFleet.UpAsync(inventoryPath, options, cancellationToken);
        if (state is not null)
        {
            await cli.Error.WriteLineAsync(
                $"lab: {state.Hosts.Count} hosts up on 127.0.0.0/8 ({directory}); they stop when the run ends"
            );
            return new LabSession(
                directory,
                Path.GetRelativePath(Directory.GetCurrentDirectory(), state.Inventory),
                started: true,
                cluster is not null
            );
        }

        var running =
            LabState.Load(Path.GetFullPath(directory))
            ?? throw new LabException(
                $"a lab in {directory} is half up: stop it with runbook lab down --dir {directory}"
            );
        await cli.Error.WriteLineAsync($"lab: reusing the lab already up in {directory}");
        return new LabSession(
            directory,
            Path.GetRelativePath(Directory.GetCurrentDirectory(), running.Inventory),
            started: false,
            cluster is not null
        );
    }

    /// <summary>
    /// Starts the cluster watcher, appending its samples (NDJSON, what <c>runbook lab watch --out</c> writes) to
    /// <paramref name="samplesFile"/>; nothing without a cluster. Started once the run has its directory, so the
    /// samples stream there as they are taken and survive an interrupted run.
    /// </summary>
    public void WatchInto(string samplesFile)
    {
        if (_cluster is not null && _watcher is null)
            _watcher = ClusterWatcher.Start(_cluster, samplesFile);
    }

    /// <summary>Stops the watcher (its last sample written) before the run's reports read the file.</summary>
    public async ValueTask StopWatchingAsync()
    {
        if (_watcher is not null)
            await _watcher.DisposeAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await StopWatchingAsync();
        if (_started)
            await LabFleet.DownAsync(_directory);
    }
}
