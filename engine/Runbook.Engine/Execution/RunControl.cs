namespace Runbook.Execution;

/// <summary>
/// Two-stage interrupt. The first <see cref="Interrupt"/> (Ctrl-C, SIGTERM) stops starting new work and lets running
/// steps finish; the second aborts running commands too.
/// </summary>
public sealed class RunControl : IDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly CancellationTokenSource _abort = new();
    private readonly List<StoreFault> _faults = [];
    private int _interrupts;

    public CancellationToken Stopping => _stop.Token;

    public CancellationToken Aborting => _abort.Token;

    public bool StopRequested => _stop.IsCancellationRequested;

    /// <summary>Returns how many interrupts there have been, this one included.</summary>
    public int Interrupt()
    {
        var n = Interlocked.Increment(ref _interrupts);
        if (n == 1)
            _stop.Cancel();
        else
            _abort.Cancel();
        return n;
    }

    /// <summary>Writes to the run's own files that failed (the first stopped the run); empty when none did.</summary>
    internal IReadOnlyList<StoreFault> StoreFaults
    {
        get
        {
            lock (_faults)
                return [.. _faults];
        }
    }

    /// <summary>
    /// A write to the journal or the events failed: like a first interrupt, nothing new starts and running steps
    /// finish, but it is not counted as one (the next Ctrl-C is still the first), and the run ends store-failed.
    /// </summary>
    internal void StoreFailed(StoreFault fault)
    {
        lock (_faults)
            _faults.Add(fault);
        try
        {
            _stop.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // the run is over: its last record failed after the control was released
        }
    }

    public void Dispose()
    {
        _stop.Dispose();
        _abort.Dispose();
    }
}
