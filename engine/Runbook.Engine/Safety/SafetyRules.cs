using Runbook.Graph;
using Runbook.Model;

namespace Runbook.Safety;

/// <summary>
/// The safety rules, as data: on one compiled graph (what <c>runbook validate -i</c> warns about), on a runbook without an
/// inventory (the rules that need none), and on a change from a base graph to a head graph (<c>runbook diff</c>).
/// </summary>
internal static class SafetyRules
{
    /// <summary>
    /// RB1001, RB1002, RB1013 and RB1014 on a compiled graph, less what its phases accept, and RB1009 for acceptances
    /// nothing needs.
    /// </summary>
    public static IReadOnlyList<RiskNote> Check(ExecutionGraph graph)
    {
        var notes = QuorumRule
            .Check(graph)
            .Concat(UnitStopRule.Check(graph))
            .Concat(DoubleDisruptionRule.Check(graph))
            .Concat(UncheckedHostRule.Check(graph))
            .ToList();
        var accepted = graph.Phases.SelectMany(p => p.AcceptedRisks.Select(r => (p.Name, r)));
        return Sorted(RiskAcceptance.Apply(notes, accepted, reportUnused: true), graph);
    }

    /// <summary>The rules that need no inventory: RB1002 on the command templates as written, less what phases accept.</summary>
    public static IReadOnlyList<RiskNote> Check(RunbookDefinition runbook)
    {
        var notes = UnitStopRule.Check(runbook).Distinct().ToList();
        var accepted = runbook.Phases.SelectMany(p => p.AcceptedRisks.Select(r => (p.Name, r)));
        return
        [
            .. RiskAcceptance
                .Apply(notes, accepted, reportUnused: false)
                .OrderBy(n => n.Span.Line)
                .ThenBy(n => n.Code, StringComparer.Ordinal)
                .ThenBy(n => n.Message, StringComparer.Ordinal),
        ];
    }

    /// <summary>
    /// What a change makes riskier: notes of the head graph that the base graph did not have, the change rules on
    /// every phase present on both sides (<paramref name="pairs"/>: base phase, head phase), and risks newly accepted.
    /// </summary>
    public static IReadOnlyList<RiskNote> Compare(
        ExecutionGraph before,
        ExecutionGraph after,
        IEnumerable<(PhaseNode Before, PhaseNode After)> pairs
    )
    {
        var old = Check(before).Select(Key).ToHashSet();
        var fresh = Check(after).Where(n => !old.Contains(Key(n)));
        var matched = pairs.ToList();
        return Sorted(
            fresh
                .Concat(matched.SelectMany(p => ChangeRules.Check(p.Before, p.After)))
                .Concat(matched.SelectMany(p => ApprovalRules.Check(p.Before, p.After)))
                .Concat(matched.SelectMany(p => SerialRule.Check(before, after, p.Before, p.After)))
                .Concat(ApprovalRules.Check(before, after))
                .Concat(RiskAcceptance.NewlyAccepted(after, matched)),
            after
        );
    }

    private static (string, string, string) Key(RiskNote n) => (n.Code, n.Phase, n.Message);

    private static List<RiskNote> Sorted(IEnumerable<RiskNote> notes, ExecutionGraph graph)
    {
        var order = graph.Phases.ToDictionary(p => p.Name, p => p.Number, StringComparer.Ordinal);
        return
        [
            .. notes
                .Distinct()
                .OrderBy(n => order.GetValueOrDefault(n.Phase, int.MaxValue))
                .ThenBy(n => n.Code, StringComparer.Ordinal)
                .ThenBy(n => n.Message, StringComparer.Ordinal),
        ];
    }
}
