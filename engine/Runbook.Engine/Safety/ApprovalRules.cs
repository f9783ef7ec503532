using Runbook.Diagnostics;
using Runbook.Graph;

namespace Runbook.Safety;

/// <summary>
/// Rules on a change that takes away a person's say or the cluster's exclusion: a pause removed from a phase (RB1010),
/// the runbook's cluster lock removed (RB1011). Pauses are compared by step name, as <see cref="ChangeRules"/> compares
/// gates.
/// </summary>
internal static class ApprovalRules
{
    private const string Pause = "pause";

    public static IEnumerable<RiskNote> Check(PhaseNode before, PhaseNode after)
    {
        var now = Pauses(after);
        foreach (var name in Pauses(before).Where(n => !now.Contains(n)))
        {
            yield return new RiskNote(
                Codes.PauseRemoved.Id,
                Severity.Warning,
                after.Name,
                $"pause '{name}' was removed from phase '{after.Name}': the rollout no longer waits for approval there",
                after.Span
            );
        }
    }

    public static IEnumerable<RiskNote> Check(ExecutionGraph before, ExecutionGraph after)
    {
        if (before.Lock is not { } was || after.Lock is not null)
            yield break;
        yield return new RiskNote(
            Codes.LockRemoved.Id,
            Severity.Warning,
            string.Empty,
            $"cluster lock '{was.Name}' was removed: two runs can now work on the cluster at once",
            was.Span
        );
    }

    private static SortedSet<string> Pauses(PhaseNode phase) =>
        new(
            phase
                .Batches.SelectMany(b => b.Segments)
                .SelectMany(s => s.Steps)
                .Where(s => s.Kind == Pause) // safety rules read the graph, not Steps/: the kind's key as written
                .Select(s => s.Name),
            StringComparer.Ordinal
        );
}
