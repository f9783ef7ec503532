using System.Collections.Concurrent;
using Runbook.Execution;

namespace Runbook.Tests.Execution.Fakes;

internal sealed class RecordingObserver : IRunObserver
{
    public ConcurrentQueue<RunEvent> Events { get; } = new();

    public void OnEvent(RunEvent e) => Events.Enqueue(e);

    public IEnumerable<StepFinished> Finished(string? host = null) =>
        Events.OfType<StepFinished>().Where(e => host is null || e.Host == host);
}
