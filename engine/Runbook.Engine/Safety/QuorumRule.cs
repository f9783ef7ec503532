using System.Globalization;
using Runbook.Diagnostics;
using Runbook.Graph;

namespace Runbook.Safety;

/// <summary>
/// RB1001: a batch that takes more than (n-1)/2 of the n members of a quorum role down loses quorum (what takes a
/// member down: <see cref="Disruption"/>). A batch that only reads (a check, a snapshot) is not counted.
/// </summary>
internal static class QuorumRule
{
    public static IEnumerable<RiskNote> Check(ExecutionGraph graph)
    {
        foreach (var role in graph.QuorumRoles)
        {
            var members = graph
                .HostRoles.Where(h => h.Value.Contains(role, StringComparer.Ordinal))
                .Select(h => h.Key)
                .ToHashSet(StringComparer.Ordinal);
            if (members.Count == 0)
                continue;
            var tolerated = (members.Count - 1) / 2;
            foreach (var phase in graph.Phases)
            {
                var worst = phase
                    .Batches.Select(b => (Batch: b, Down: Disruption.Hosts(graph, b, role).Count(members.Contains)))
                    .Where(x => x.Down > tolerated)
                    .OrderByDescending(x => x.Down)
                    .ThenBy(x => x.Batch.Number)
                    .FirstOrDefault();
                if (worst.Batch is null)
                    continue;
                var message =
                    $"phase '{phase.Name}' takes {worst.Down} of the {members.Count} '{role}' members down at once "
                    + $"(batch {phase.Number}.{worst.Batch.Number}); a quorum of {members.Count} survives "
                    + $"{Members(tolerated)} down";
                yield return new RiskNote(Codes.QuorumAtRisk.Id, Severity.Warning, phase.Name, message, phase.Span);
            }
        }
    }

    private static string Members(int n) => n == 1 ? "1 member" : n.ToString(CultureInfo.InvariantCulture) + " members";
}
