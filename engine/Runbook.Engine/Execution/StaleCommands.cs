using System.Collections.Concurrent;
using Runbook.Graph;
using Runbook.Transport;

namespace Runbook.Execution;

/// <summary>
/// Before a resumed run changes anything on a host, it looks there for commands of its earlier incarnation that are
/// still running (a SIGKILLed engine leaves them: the SSH connection drops, the command goes on), by the marker every
/// step's command carries in its command line (<see cref="CommandMarker"/>). It waits for them to end, showing that it
/// waits, up to their step's timeout (the remote <c>timeout</c> ends them by then); or, with
/// <see cref="RunOptions.KillStale"/>, it kills them: TERM to their SSH session, KILL after a grace. A host where one
/// is still running when the wait runs out fails the run before anything ran anywhere. At most --forks hosts at once.
/// </summary>
internal static class StaleCommands
{
    /// <summary>How often the hosts are looked at again while the run waits.</summary>
    public static readonly TimeSpan Poll = TimeSpan.FromSeconds(1);

    /// <summary>How long a killed command gets between TERM and KILL, and after KILL to be gone.</summary>
    public static readonly TimeSpan KillGrace = TimeSpan.FromSeconds(10);

    /// <summary>The wait for a step with no timeout in a run without a default one.</summary>
    public static readonly TimeSpan NoTimeoutLimit = TimeSpan.FromHours(1);

    /// <summary>Added to a step's timeout: the remote timeout's KILL grace and time for the host to report.</summary>
    public static readonly TimeSpan Slack = TimeSpan.FromSeconds(RemoteCommandBuilder.KillAfterSeconds + 25);

    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(30);

    /// <summary>Null when no host has a command of the run's earlier incarnation left; else the outcome that stops
    /// the run (<see cref="RunOutcome.PreflightFailed"/>: nothing ran).</summary>
    public static async Task<RunOutcome?> SettleAsync(RunContext ctx)
    {
        if (!CommandMarker.IsUsableRunId(ctx.Options.RunId))
            return null;
        var hosts = Preflight.Needs(ctx.Graph).Select(h => h.Host).ToList();
        var failed = new ConcurrentBag<string>();
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = ctx.Forks.Size, CancellationToken = ctx.Abort };
        await Parallel.ForEachAsync(
            hosts,
            parallel,
            async (host, _) =>
            {
                if (!await HostAsync(ctx, host))
                    failed.Add(host);
            }
        );
        return failed.IsEmpty ? null : RunOutcome.PreflightFailed;
    }

    /// <summary>
    /// How long the run waits for a stale command: its step's timeout (or the run's default, or an hour) and
    /// <see cref="Slack"/>, less how long it has run already; never less than <see cref="Slack"/>.
    /// </summary>
    public static TimeSpan Limit(TimeSpan? stepTimeout, TimeSpan? runDefault, TimeSpan running)
    {
        var limit = (stepTimeout ?? runDefault ?? NoTimeoutLimit) + Slack - running;
        return limit < Slack ? Slack : limit;
    }

    /// <summary>Which of <paramref name="found"/> no longer run, given what the host lists now (same PID and start
    /// time: a PID reused by another command of the run is another command).</summary>
    public static IReadOnlyList<StaleCommand> Gone(IEnumerable<StaleCommand> found, IReadOnlyList<StaleCommand> now) =>
        [.. found.Where(f => !now.Any(n => n.Pid == f.Pid && n.Start == f.Start))];

    /// <summary>The timeout a step id runs with in this plan; null when it has none (or the id is not in it).</summary>
    public static TimeSpan? StepTimeout(ExecutionGraph graph, string stepId)
    {
        foreach (var batch in graph.Phases.SelectMany(p => p.Batches))
        {
            var steps = batch.Segments.SelectMany(s => s.Steps).Concat(batch.Cleanup.SelectMany(c => c.Steps));
            if (steps.FirstOrDefault(s => s.Id == stepId) is { } step)
                return step.Timeout?.Value;
        }

        return null;
    }

    /// <summary>Settles one host: true when nothing of the earlier incarnation runs there (any more).</summary>
    private static async Task<bool> HostAsync(RunContext ctx, string host)
    {
        await using var hold = ctx.Connections.Hold(host);
        IHostConnection connection;
        IReadOnlyList<StaleCommand> left;
        try
        {
            connection = await ctx.Connections.GetAsync(host);
            left = await ListAsync(ctx, connection);
        }
        catch (HostUnreachableException)
        {
            return true; // its steps report it unreachable; nothing can run there either
        }

        if (left.Count == 0)
            return true;
        var started = ctx.Time.GetTimestamp();
        var kill = ctx.Options.KillStale;
        var limits = new Dictionary<StaleCommand, TimeSpan>();
        foreach (var command in left)
        {
            var limit = kill
                ? KillGrace + KillGrace
                : Limit(StepTimeout(ctx.Graph, command.Step), ctx.Options.DefaultStepTimeout, command.Running);
            limits[command] = limit;
            ctx.Events.Publish(new StaleCommandFound(host, command.Step, command.Pid, command.Running, kill, limit));
        }

        if (kill)
            await SignalAsync(ctx, connection, left, "TERM");
        var how = kill ? StaleCommandEnd.Killed : StaleCommandEnd.Ended;
        var killed = false;
        while (true)
        {
            var now = await ListAsync(ctx, connection);
            var waited = ctx.Time.GetElapsedTime(started);
            foreach (var gone in Gone(left, now))
                ctx.Events.Publish(new StaleCommandGone(host, gone.Step, gone.Pid, waited, how));
            left = [.. left.Where(l => now.Any(n => n.Pid == l.Pid && n.Start == l.Start))];
            if (left.Count == 0)
                return true;
            if (kill && !killed && waited >= KillGrace)
            {
                await SignalAsync(ctx, connection, left, "KILL");
                killed = true;
            }
            else if (left.Any(l => waited >= limits[l]))
            {
                foreach (var stuck in left)
                    ctx.Events.Publish(
                        new StaleCommandGone(host, stuck.Step, stuck.Pid, waited, StaleCommandEnd.StillRunning)
                    );
                return false;
            }

            await Task.Delay(Poll, ctx.Time, ctx.Abort);
        }
    }

    private static async Task<IReadOnlyList<StaleCommand>> ListAsync(RunContext ctx, IHostConnection connection)
    {
        var script = CommandMarker.ListScript(ctx.Options.RunId);
        var result = await connection.ExecuteAsync(
            new RemoteCommand(script, false, CommandTimeout, []),
            null,
            ctx.Abort
        );
        return [.. result.Stdout.Split('\n').Select(CommandMarker.Parse).OfType<StaleCommand>()];
    }

    private static async Task SignalAsync(
        RunContext ctx,
        IHostConnection connection,
        IEnumerable<StaleCommand> commands,
        string signal
    )
    {
        foreach (var command in commands)
        {
            var script = CommandMarker.KillScript(command.Pid, command.Start, signal);
            var remote = new RemoteCommand(script, command.Become, CommandTimeout, []);
            await connection.ExecuteAsync(remote, null, ctx.Abort);
        }
    }
}
