using Runbook.Lab;

namespace Runbook.Cli.Commands;

/// <summary>
/// <c>runbook run … --lab [--lab-cluster rke2]</c>: a lab fleet (and cluster) made from the inventory for the length of one run. A lab that is already up
/// in the same directory is reused and left running; one started here is stopped afterwards.
/// </summary>
internal sealed class LabSession : IAsyncDisposable
{
    private readonly string _directory;
    private readonly bool _started;

    private LabSession(string directory, string inventoryPath, bool started)
    {
        _directory = directory;
        InventoryPath = inventoryPath;
        _started = started;
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
                started: true
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
            started: false
        );
    }

    public async ValueTask DisposeAsync()
    {
        if (_started)
            await LabFleet.DownAsync(_directory);
    }
}
