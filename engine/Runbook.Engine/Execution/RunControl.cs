namespace Runbook.Execution;

/// <summary>
/// Two-stage interrupt. The first <see cref="Interrupt"/> (Ctrl-C, SIGTERM) stops starting new work and lets running
/// steps finish; the second aborts running commands too.
/// </summary>
public sealed class RunControl : IDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly CancellationTokenSource _abort = new();
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

    public void Dispose()
    {
        _stop.Dispose();
        _abort.Dispose();
    }
}
