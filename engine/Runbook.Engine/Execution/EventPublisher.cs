using Runbook.Graph;

namespace Runbook.Execution;

/// <summary>Masks secrets in every event, then hands it to each observer, one event at a time.</summary>
internal sealed class EventPublisher(IReadOnlyList<IRunObserver> observers, SecretMasker masker, TimeProvider time)
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
                observer.OnEvent(masked);
        }
    }
}
