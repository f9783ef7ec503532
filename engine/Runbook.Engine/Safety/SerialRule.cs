using System.Globalization;
using Runbook.Diagnostics;
using Runbook.Graph;

namespace Runbook.Safety;

/// <summary>
/// RB1015, on a change: a phase that takes hosts down now takes more of them down at once (its largest batch of
/// disrupted hosts grew: 'serial' raised, or a percentage of a grown inventory), for any role. RB1001 says when a
/// quorum role loses quorum; this says that a change takes more of a role down at once, whatever the role.
/// </summary>
internal static class SerialRule
{
    public static IEnumerable<RiskNote> Check(
        ExecutionGraph baseGraph,
        ExecutionGraph headGraph,
        PhaseNode before,
        PhaseNode after
    )
    {
        var was = Widest(baseGraph, before);
        var now = Widest(headGraph, after);
        if (was == 0 || now <= was)
            yield break;
        var serial =
            before.Serial == after.Serial ? $"serial {after.Serial}" : $"serial {before.Serial} -> {after.Serial}";
        var message =
            $"phase '{after.Name}' now takes up to {Hosts(now)} down at once instead of {Hosts(was)} ({serial})";
        yield return new RiskNote(Codes.SerialRaised.Id, Severity.Warning, after.Name, message, after.Span);
    }

    private static int Widest(ExecutionGraph graph, PhaseNode phase) =>
        phase.Batches.Select(b => Disruption.Hosts(graph, b).Count()).DefaultIfEmpty(0).Max();

    private static string Hosts(int n) => n == 1 ? "1 host" : n.ToString(CultureInfo.InvariantCulture) + " hosts";
}
