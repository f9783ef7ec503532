using Runbook.Diagnostics;
using Runbook.Graph;
using Runbook.Model;

namespace Runbook.Safety;

/// <summary>RB1002: a step stops a unit that no later step of the same phase starts (or restarts) again.</summary>
internal static class UnitStopRule
{
    /// <summary>On a compiled graph: the rendered commands, host by host.</summary>
    public static IEnumerable<RiskNote> Check(ExecutionGraph graph)
    {
        foreach (var phase in graph.Phases)
        {
            var perHost = phase.Batches
                .SelectMany(b => b.Segments.OfType<HostStepsSegment>())
                .SelectMany(s => s.Hosts)
                .GroupBy(h => h.Host, StringComparer.Ordinal)
                .Select(g => g.SelectMany(h => h.Steps).Where(s => s.SkipReason is null).OrderBy(s => s.Number)
                    .Select(s => new CommandStep(s.Number, s.Name, s.Command?.Text, s.Span)).ToList());
            var notes = perHost.SelectMany(steps => Check(phase.Name, steps));
            foreach (var note in notes.Distinct()) yield return note;
        }
    }

    /// <summary>On a runbook without an inventory: the command templates as written (identical unit text must match).</summary>
    public static IEnumerable<RiskNote> Check(RunbookDefinition runbook) =>
        runbook.Phases.SelectMany(p => Check(p.Name, p.Steps.Select((s, i) => new CommandStep(i + 1, s.Name, s.Run?.Source, s.Span)).ToList()));

    private static IEnumerable<RiskNote> Check(string phase, IReadOnlyList<CommandStep> steps)
    {
        for (var i = 0; i < steps.Count; i++)
        {
            foreach (var stop in UnitAction.In(steps[i].Command).Where(a => a.Stops))
            {
                var restarted = steps.Skip(i + 1).Any(s => UnitAction.In(s.Command).Any(a => a.Starts && a.Unit == stop.Unit));
                if (restarted) continue;
                var message = $"step '{steps[i].Name}' stops {stop.Unit} and no later step of phase '{phase}' starts it";
                yield return new RiskNote(Codes.UnitLeftStopped.Id, Severity.Warning, phase, message, steps[i].Span);
            }
        }
    }

    private sealed record CommandStep(int Number, string Name, string? Command, SourceSpan Span);
}
