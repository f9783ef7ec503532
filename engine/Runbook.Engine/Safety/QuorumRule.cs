using System.Globalization;
using Runbook.Diagnostics;
using Runbook.Graph;

namespace Runbook.Safety;

/// <summary>
/// RB1001: a batch that stops, restarts or reboots more than (n-1)/2 of the n members of a quorum role loses quorum.
/// A batch that only reads (a check, a snapshot) takes nothing down and is not counted.
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
                    .Batches.Select(b => (Batch: b, Down: DisruptedHosts(b).Where(members.Contains).Count()))
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

    /// <summary>Hosts of the batch with a step (not skipped) that stops, restarts or reboots something.</summary>
    public static IEnumerable<string> DisruptedHosts(BatchNode batch) =>
        batch
            .Segments.OfType<HostStepsSegment>()
            .SelectMany(s => s.Hosts)
            .Where(h =>
                h.Steps.Any(step => step.SkipReason is null && UnitAction.In(step.Effect?.Text).Any(a => a.Disrupts))
            )
            .Select(h => h.Host)
            .Distinct(StringComparer.Ordinal);

    private static string Members(int n) => n == 1 ? "1 member" : n.ToString(CultureInfo.InvariantCulture) + " members";
}
