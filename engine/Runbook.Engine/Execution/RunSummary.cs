using System.Collections.Concurrent;

namespace Runbook.Execution;

/// <summary>Tallies step results per phase and host for the summary printed at the end of a run.</summary>
public sealed class RunSummary : IRunObserver
{
    private readonly ConcurrentDictionary<(int Phase, string Host), HostTally> _tallies = new();
    private readonly ConcurrentDictionary<int, string> _phases = new();
    private readonly ConcurrentDictionary<int, StepStatus> _phaseStatus = new();

    public RunOutcome? Outcome { get; private set; }

    public TimeSpan Duration { get; private set; }

    public IEnumerable<(int Phase, string PhaseName, string Host, HostTally Tally)> Rows =>
        _tallies
            .OrderBy(t => t.Key.Phase)
            .ThenBy(t => t.Key.Host, StringComparer.Ordinal)
            .Select(t => (t.Key.Phase, _phases.GetValueOrDefault(t.Key.Phase, string.Empty), t.Key.Host, t.Value));

    /// <summary>How phase <paramref name="phase"/> ended (tolerated: went on past failures); null if not yet.</summary>
    public StepStatus? PhaseStatus(int phase) => _phaseStatus.TryGetValue(phase, out var s) ? s : null;

    public void OnEvent(RunEvent e)
    {
        switch (e)
        {
            case PhaseStarted p:
                _phases[p.Phase] = p.Name;
                break;
            case PhaseFinished p:
                _phaseStatus[p.Phase] = p.Status;
                break;
            case StepFinished s:
                _tallies
                    .GetOrAdd((s.Phase, s.Host), _ => new HostTally())
                    .Add(s.Status, s.Duration ?? TimeSpan.Zero, s.Changed == true);
                break;
            case RunFinished r:
                Duration = r.Duration;
                Outcome = r.Outcome;
                break;
        }
    }
}
