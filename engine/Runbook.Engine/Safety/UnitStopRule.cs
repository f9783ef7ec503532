using Runbook.Diagnostics;
using Runbook.Graph;
using Runbook.Model;

namespace Runbook.Safety;

/// <summary>
/// RB1002: a step stops a unit that no later step starts (or restarts) again on the same host, in the same phase or a
/// later one (a recovery runbook stops units in one phase and starts them in another), nor a step of the phase's
/// 'on_failure' or 'finally' (the start that brings the unit back when a step after the stop fails).
/// </summary>
internal static class UnitStopRule
{
    /// <summary>On a compiled graph: the rendered commands, host by host, across phases in run order.</summary>
    public static IEnumerable<RiskNote> Check(ExecutionGraph graph)
    {
        var perHost = graph
            .Phases.SelectMany(p =>
                p.Batches.SelectMany(b =>
                        b.Segments.OfType<HostStepsSegment>()
                            .SelectMany(s => s.Hosts.Select(h => (Batch: b, Sequence: h)))
                    )
                    .SelectMany(x =>
                        x.Sequence.Steps.Where(s => s.SkipReason is null)
                            .OrderBy(s => s.Number)
                            .Select(s =>
                                (
                                    x.Sequence.Host,
                                    Step: new CommandStep(p.Name, s.Name, s.Effect?.Text, s.Span)
                                    {
                                        Cleanup = Cleanup(x.Batch.CleanupOf(x.Sequence.Host)),
                                    }
                                )
                            )
                    )
            )
            .GroupBy(x => x.Host, StringComparer.Ordinal)
            .Select(g => g.Select(x => x.Step).ToList());
        return perHost.SelectMany(Check).Distinct();
    }

    /// <summary>On a runbook without an inventory: the command templates as written (identical unit text must match).</summary>
    public static IEnumerable<RiskNote> Check(RunbookDefinition runbook) =>
        Check(
            runbook
                .Phases.SelectMany(p =>
                    // A step on the controller ('on: local') changes nothing on a host.
                    p.Steps.Select(s => new CommandStep(p.Name, s.Name, s.Local ? null : s.Spec?.Effect?.Source, s.Span)
                    {
                        Cleanup = [.. p.OnFailure.Concat(p.Finally).Select(c => c.Spec?.Effect?.Source)],
                    })
                )
                .ToList()
        );

    private static IReadOnlyList<string?> Cleanup(HostCleanup? cleanup) =>
        cleanup is null ? [] : [.. cleanup.Steps.Where(s => s.SkipReason is null).Select(s => s.Effect?.Text)];

    private static IEnumerable<RiskNote> Check(IReadOnlyList<CommandStep> steps)
    {
        for (var i = 0; i < steps.Count; i++)
        {
            foreach (var stop in UnitAction.In(steps[i].Command).Where(a => a.Stops))
            {
                var restarted = steps
                    .Skip(i + 1)
                    .Select(s => s.Command)
                    .Concat(steps[i].Cleanup)
                    .Any(c => UnitAction.In(c).Any(a => a.Starts && a.Unit == stop.Unit));
                if (restarted)
                    continue;
                var message =
                    $"step '{steps[i].Name}' of phase '{steps[i].Phase}' stops {stop.Unit} and no later step starts it";
                yield return new RiskNote(
                    Codes.UnitLeftStopped.Id,
                    Severity.Warning,
                    steps[i].Phase,
                    message,
                    steps[i].Span
                );
            }
        }
    }

    /// <summary>A step's command; <see cref="Cleanup"/> holds its phase's on_failure and finally commands.</summary>
    private sealed record CommandStep(string Phase, string Name, string? Command, SourceSpan Span)
    {
        public IReadOnlyList<string?> Cleanup { get; init; } = [];

        // Notes are compared by value (Distinct): the clean-up list is not part of a step's identity.
        public bool Equals(CommandStep? other) =>
            other is not null && (Phase, Name, Command, Span) == (other.Phase, other.Name, other.Command, other.Span);

        public override int GetHashCode() => HashCode.Combine(Phase, Name, Command, Span);
    }
}
