using Runbook.Graph;
using Runbook.Transport;

namespace Runbook.Execution;

/// <summary>
/// Takes and releases a run's cluster lock (<see cref="LockNode"/>) on the first reachable candidate. A lock this run
/// already holds (a resumed run, after a failure or interrupt kept it) counts as taken. Every step of it is an event,
/// so the journal says who held the lock when.
/// </summary>
internal static class ClusterLock
{
    /// <summary>
    /// The host the lock was taken on, or why the run stops before any step: locked (another run holds it, or its path
    /// cannot be made) or unreachable (no candidate answered). The events say who holds it or why.
    /// </summary>
    public static async Task<(string? Host, RunOutcome Refused)> TakeAsync(
        RunContext ctx,
        LockNode node,
        EventPublisher events
    )
    {
        var owner = ClusterLockHolder.OwnerLines(
            ctx.Options.RunId,
            ctx.Graph.Runbook,
            ctx.Options.LockOwner.Controller,
            ctx.Time.GetUtcNow(),
            ctx.Options.LockOwner.CiJob
        );
        var unreachable = new List<string>();
        var reached = await CandidateWalk.FirstReachableAsync(
            ctx,
            node.Candidates,
            (host, ex) => unreachable.Add($"{host}: {ex.Reason}")
        );
        if (reached is not var (host, connection))
        {
            Publish(
                events,
                ClusterLockEvent.Failed,
                node,
                node.Target,
                "no candidate host could be reached: " + string.Join("; ", unreachable)
            );
            return (null, RunOutcome.Unreachable);
        }

        var script = LockScripts.Take(node.Directory, node.Path, owner);
        var result = await connection.ExecuteAsync(Command(node, script), null, ctx.Abort);
        var (word, rest) = LockScripts.Parse(result.Stdout);
        switch (word)
        {
            case "taken" when result.ExitCode == 0:
                Publish(events, ClusterLockEvent.Taken, node, host, "taken by run " + ctx.Options.RunId);
                return (host, default);
            case "held" when result.ExitCode == 0:
                var holder = ClusterLockHolder.Parse(node.Name, host, node.Path, rest);
                if (holder.RunId == ctx.Options.RunId)
                {
                    Publish(events, ClusterLockEvent.Taken, node, host, "still held by this run");
                    return (host, default);
                }

                Publish(events, ClusterLockEvent.Held, node, host, "held by " + holder.Describe());
                return (null, RunOutcome.Locked);
            default:
                Publish(events, ClusterLockEvent.Failed, node, host, Why(result));
                return (null, RunOutcome.Locked);
        }
    }

    /// <summary>Lets the lock go after a run that succeeded; keeps it (an event says so) when that fails.</summary>
    public static async Task ReleaseAsync(RunContext ctx, LockNode node, string host, EventPublisher events)
    {
        try
        {
            var connection = await ctx.Connections.GetAsync(host);
            var script = LockScripts.Release(node.Path, ctx.Options.RunId);
            var result = await connection.ExecuteAsync(Command(node, script), null, ctx.Abort);
            var (word, rest) = LockScripts.Parse(result.Stdout);
            if (result.ExitCode == 0 && word is "released" or "gone")
            {
                Publish(events, ClusterLockEvent.Released, node, host, "released by run " + ctx.Options.RunId);
                return;
            }

            var why =
                word == "other"
                    ? "not this run's any more: held by "
                        + ClusterLockHolder.Parse(node.Name, host, node.Path, rest).Describe()
                    : Why(result);
            Publish(events, ClusterLockEvent.Kept, node, host, "could not be released: " + why);
        }
        catch (HostUnreachableException ex)
        {
            Publish(events, ClusterLockEvent.Kept, node, host, "could not be released: " + ex.Reason);
        }
    }

    public static void Kept(LockNode node, string host, RunOutcome outcome, EventPublisher events) =>
        Publish(
            events,
            ClusterLockEvent.Kept,
            node,
            host,
            $"kept: the run ended {Executor.OutcomeName(outcome)}; resuming it takes the lock on"
        );

    internal static RemoteCommand Command(LockNode node, string script) =>
        new(script, node.Become, TimeSpan.FromSeconds(60), []);

    internal static string Why(CommandResult result)
    {
        var text = (result.Stdout + "\n" + result.Stderr).Trim();
        var line = text.Split('\n')
            .Select(l =>
                l.StartsWith(LockScripts.Prefix, StringComparison.Ordinal) ? l[LockScripts.Prefix.Length..] : l
            )
            .FirstOrDefault(l => l.Trim().Length > 0);
        return line is null ? $"the lock command exited {result.ExitCode}" : line.Trim();
    }

    private static void Publish(
        EventPublisher events,
        ClusterLockEvent what,
        LockNode node,
        string host,
        string text
    ) => events.Publish(new ClusterLockChanged(what, node.Name, host, node.Path, text));
}
