using Runbook.Diagnostics;
using Runbook.Graph;
using Runbook.Model;

namespace Runbook.Safety;

/// <summary>
/// A phase's <c>accept_risks</c> at work: a warning the phase accepts is not reported; an acceptance that no warning
/// of the plan needs is (RB1009), so it cannot hide the risk if it comes back later; in a diff, a newly accepted risk
/// is itself a risk note (RB1008), so silencing a safety rule is never silent.
/// </summary>
internal static class RiskAcceptance
{
    private static readonly Dictionary<string, string> Titles = Codes.AcceptableRisks.ToDictionary(
        c => c.Id,
        c => c.Title,
        StringComparer.Ordinal
    );

    /// <summary>The notes no phase accepts, and RB1009 for each acceptance none of the notes needed (when <paramref name="reportUnused"/>).</summary>
    public static IEnumerable<RiskNote> Apply(
        IReadOnlyList<RiskNote> notes,
        IEnumerable<(string Phase, AcceptedRisk Risk)> accepted,
        bool reportUnused
    )
    {
        var all = accepted.ToList();
        var kept = notes.Where(n => !all.Any(a => a.Phase == n.Phase && a.Risk.Code == n.Code));
        if (!reportUnused)
            return kept;
        var unused = all.Where(a => !notes.Any(n => n.Phase == a.Phase && n.Code == a.Risk.Code))
            .Select(a => new RiskNote(
                Codes.AcceptanceUnused.Id,
                Severity.Warning,
                a.Phase,
                $"phase '{a.Phase}' accepts {a.Risk.Code} ({Title(a.Risk.Code)}), but its plan does not have that risk",
                a.Risk.Span
            ));
        return kept.Concat(unused);
    }

    /// <summary>RB1008 for every risk a head phase accepts that its base phase (if any) did not.</summary>
    public static IEnumerable<RiskNote> NewlyAccepted(
        ExecutionGraph after,
        IEnumerable<(PhaseNode Before, PhaseNode After)> pairs
    )
    {
        var before = pairs.ToDictionary(p => p.After.Name, p => p.Before, StringComparer.Ordinal);
        foreach (var phase in after.Phases)
        {
            var had = before.TryGetValue(phase.Name, out var old)
                ? old.AcceptedRisks.Select(r => r.Code).ToHashSet(StringComparer.Ordinal)
                : [];
            foreach (var risk in phase.AcceptedRisks.Where(r => !had.Contains(r.Code)))
            {
                yield return new RiskNote(
                    Codes.RiskAccepted.Id,
                    Severity.Warning,
                    phase.Name,
                    $"phase '{phase.Name}' now accepts {risk.Code} ({Title(risk.Code)}): \"{risk.Reason}\"",
                    risk.Span
                );
            }
        }
    }

    /// <summary>The code's title, like "quorum at risk".</summary>
    public static string Title(string code) => Titles.GetValueOrDefault(code, code);
}
