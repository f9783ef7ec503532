using Runbook.Graph;
using Runbook.Model;

namespace Runbook.Safety;

/// <summary>
/// The safety rules, as data: on one compiled graph (what <c>runbook validate -i</c> warns about), on a runbook without an
/// inventory (the rules that need none), and on a change from a base graph to a head graph (<c>runbook diff</c>).
/// </summary>
public static class SafetyRules
{
    /// <summary>RB1001 and RB1002 on a compiled graph.</summary>
    public static IReadOnlyList<RiskNote> Check(ExecutionGraph graph) =>
        Sorted(QuorumRule.Check(graph).Concat(UnitStopRule.Check(graph)), graph);

    /// <summary>The rules that need no inventory: RB1002 on the command templates as written.</summary>
    public static IReadOnlyList<RiskNote> Check(RunbookDefinition runbook) =>
        [.. UnitStopRule.Check(runbook).Distinct().OrderBy(n => n.Span.Line).ThenBy(n => n.Code, StringComparer.Ordinal).ThenBy(n => n.Message, StringComparer.Ordinal)];

    /// <summary>
    /// What a change makes riskier: notes of the head graph that the base graph did not have, and the change rules on
    /// every phase present on both sides (<paramref name="pairs"/>: base phase, head phase).
    /// </summary>
    public static IReadOnlyList<RiskNote> Compare(ExecutionGraph before, ExecutionGraph after, IEnumerable<(PhaseNode Before, PhaseNode After)> pairs)
    {
        var old = Check(before).Select(Key).ToHashSet();
        var fresh = Check(after).Where(n => !old.Contains(Key(n)));
        return Sorted(fresh.Concat(pairs.SelectMany(p => ChangeRules.Check(p.Before, p.After))), after);
    }

    private static (string, string, string) Key(RiskNote n) => (n.Code, n.Phase, n.Message);

    private static List<RiskNote> Sorted(IEnumerable<RiskNote> notes, ExecutionGraph graph)
    {
        var order = graph.Phases.ToDictionary(p => p.Name, p => p.Number, StringComparer.Ordinal);
        return [.. notes.Distinct()
            .OrderBy(n => order.GetValueOrDefault(n.Phase, int.MaxValue))
            .ThenBy(n => n.Code, StringComparer.Ordinal)
            .ThenBy(n => n.Message, StringComparer.Ordinal)];
    }
}
