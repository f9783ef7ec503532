using Runbook.Diagnostics;
using Runbook.Graph;

namespace Runbook.Safety;

/// <summary>
/// RB1013: a host taken down in two phases of one runbook. Two disrupting phases whose selectors overlap (RKE2's
/// combined servers are both 'role=etcd' and 'role=control-plane') rotate and restart the shared hosts twice, and
/// the second time the first phase's order (etcd members first, one at a time) no longer holds. Computed on the
/// compiled graph's hosts, so it depends on the inventory: the same runbook is clean on split roles. Reported on the
/// later phase, once for each earlier phase it overlaps. Two phases with the same selector are a procedure in passes
/// over the same hosts on purpose (an etcd CA rotation restarts every member once per pass), not an overlap.
/// </summary>
internal static class DoubleDisruptionRule
{
    public static IEnumerable<RiskNote> Check(ExecutionGraph graph)
    {
        var earlier = new List<(PhaseNode Phase, HashSet<string> Down)>();
        foreach (var phase in graph.Phases)
        {
            var down = phase.Batches.SelectMany(b => Disruption.Hosts(graph, b)).ToHashSet(StringComparer.Ordinal);
            if (down.Count == 0)
                continue;
            foreach (var (before, was) in earlier.Where(e => e.Phase.Selector != phase.Selector))
            {
                var again = down.Where(was.Contains).Order(StringComparer.Ordinal).ToList();
                if (again.Count == 0)
                    continue;
                var message =
                    $"phase '{phase.Name}' takes {HostList.Of(again)} down again after phase '{before.Name}' did: "
                    + $"its hosts ({phase.Selector}) overlap those of '{before.Name}' ({before.Selector})";
                yield return new RiskNote(
                    Codes.HostDisruptedTwice.Id,
                    Severity.Warning,
                    phase.Name,
                    message,
                    phase.Span
                );
            }

            earlier.Add((phase, down));
        }
    }
}
