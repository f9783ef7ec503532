namespace Runbook.Execution;

/// <summary>
/// The run's <c>--forks</c>, in one place: at most <see cref="Size"/> hosts of a batch run their steps at once, a gate
/// on all(...) runs at most that many checks at once (<see cref="ForkBoundConnection"/>), and at most that many
/// connections stay open (<see cref="HostConnections"/>, whose capacity it is). Nothing else in the process is tuned
/// by it: the thread pool is the CLI's to size, at start-up (Program.cs).
/// </summary>
internal sealed class ForkBudget : IDisposable
{
    private readonly SemaphoreSlim _slots;

    public ForkBudget(int size)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(size, 1);
        Size = size;
        _slots = new SemaphoreSlim(size, size);
    }

    /// <summary>How many forks the run has: also the most connections it keeps open.</summary>
    public int Size { get; }

    /// <summary>Waits for a fork; give it back with <see cref="Release"/>.</summary>
    public Task WaitAsync(CancellationToken cancellationToken) => _slots.WaitAsync(cancellationToken);

    public void Release() => _slots.Release();

    public void Dispose() => _slots.Dispose();
}
