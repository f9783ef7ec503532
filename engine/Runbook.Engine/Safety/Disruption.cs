using Runbook.Graph;

namespace Runbook.Safety;

/// <summary>
/// Which hosts a batch takes down, and for which roles: a step (not skipped) whose command
/// <see cref="DisruptiveCommand"/> recognises takes every role of its host down; a step that declares
/// <c>disrupts: true</c> does too, and one that declares <c>disrupts: [ROLE…]</c> takes those roles down. A step with
/// <c>on: any(...)</c> runs on its first candidate, the host it takes down. Clean-up steps do not count: they bring a
/// host back.
/// </summary>
internal static class Disruption
{
    /// <summary>
    /// Whether the step takes its host's membership of <paramref name="role"/> down (any role when null). A step that
    /// declares roles takes down only those its host has: 'disrupts: [control-plane]' on an etcd-only server does not.
    /// </summary>
    public static bool TakesDown(StepNode step, IReadOnlyList<string> hostRoles, string? role = null)
    {
        if (step.SkipReason is not null)
            return false;
        if (
            step.Disrupts is { } declared
            && (role is null ? declared.AllRoles || hostRoles.Any(declared.Covers) : declared.Covers(role))
        )
            return true;
        return DisruptiveCommand.Why(step.Effect?.Text) is not null;
    }

    /// <summary>Whether the step takes its host down, for any role of the host.</summary>
    public static bool TakesDown(StepNode step, ExecutionGraph graph, string host) =>
        TakesDown(step, graph.HostRoles.GetValueOrDefault(host, []));

    /// <summary>Every step of the batch that runs on a host, with that host, in the order they run.</summary>
    public static IEnumerable<(string Host, StepNode Step)> HostSteps(BatchNode batch)
    {
        foreach (var segment in batch.Segments)
        {
            switch (segment)
            {
                case HostStepsSegment hosts:
                    foreach (var sequence in hosts.Hosts)
                    foreach (var step in sequence.Steps)
                        yield return (sequence.Host, step);
                    break;
                case OnceSegment once when once.Candidates.Length > 0:
                    yield return (once.Candidates[0], once.StepFor(once.Candidates[0]));
                    break;
            }
        }
    }

    /// <summary>Hosts of the batch a step takes down (for <paramref name="role"/>, or any role when null).</summary>
    public static IEnumerable<string> Hosts(ExecutionGraph graph, BatchNode batch, string? role = null) =>
        HostSteps(batch)
            .Where(x => TakesDown(x.Step, graph.HostRoles.GetValueOrDefault(x.Host, []), role))
            .Select(x => x.Host)
            .Distinct(StringComparer.Ordinal);
}
