using Runbook.Graph;

namespace Runbook.Execution;

/// <summary>
/// Masks secrets in every event, then hands it to each observer, one event at a time. A run file that cannot be written
/// (the journal, the events: <see cref="StoreWriteException"/>) stops the run through <paramref name="control"/>; the
/// other observers (the summary, the terminal) still get every event.
/// </summary>
internal sealed class EventPublisher(
    IReadOnlyList<IRunObserver> observers,
    SecretMasker masker,
    TimeProvider time,
    RunControl? control = null
)
{
    private readonly Lock _gate = new();

    /// <summary>Publishes <paramref name="e"/>, stamped with the time it is published so timestamps never go backwards.</summary>
    public void Publish(RunEvent e)
    {
        var masked = e.Masked(masker.Apply);
        lock (_gate)
        {
            masked = masked with { Time = time.GetUtcNow() };
            foreach (var observer in observers)
            {
                try
                {
                    observer.OnEvent(masked);
                }
                catch (StoreWriteException ex) when (control is not null)
                {
                    control.StoreFailed(ex.Fault);
                }
            }
        }
    }
}
