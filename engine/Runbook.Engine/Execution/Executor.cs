using Runbook.Graph;
using Runbook.Transport;

namespace Runbook.Execution;

/// <summary>
/// Runs an execution graph: phases in order, batches in order, the hosts of a batch concurrently (up to forks), each
/// host's steps in order, the batch's gates once every host is done. Steps should be idempotent: a step that was
/// started but not recorded as finished (a crash, an abort) runs again when the run is resumed.
/// </summary>
internal sealed class Executor(ITransport transport, RunOptions options)
{
    /// <summary>Runs the plan: it carries every host's endpoint, so nothing but the plan is needed.</summary>
    public async Task<RunOutcome> RunAsync(ExecutionGraph graph, RunControl control)
    {
        using var forks = new ForkBudget(options.Forks);
        await using var connections = new HostConnections(transport, graph.Endpoints, forks, control.Aborting)
        {
            PinLimit = options.PinLimit,
        };
        var ctx = new RunContext(graph, options, control, connections, forks);
        var resumed = options.Resume.CompletedSteps.Count + options.Resume.PassedGates.Count > 0;
        var run = new RunScope(ctx.Events, ctx.Time, graph.Runbook, options.RunId, resumed, options.PlanHash);
        RunOutcome outcome;
        string? locked = null;
        try
        {
            // Before the first change, every host the plan touches is checked; a problem anywhere stops the run here.
            // The cluster lock comes next, before any step: a run that cannot have it changes nothing.
            // The run-started record is the first write to the journal and the events: one that fails leaves nothing
            // done and nothing to resume.
            if (control.StoreFaults.Count > 0)
            {
                outcome = RunOutcome.StoreUnwritable;
            }
            else if (options.Preflight && await Preflight.RunAsync(ctx) is { } unready)
            {
                outcome = unready;
            }
            else if (options.Resumed && await StaleCommands.SettleAsync(ctx) is { } stale)
            {
                // A command of the run's earlier attempt still runs on a host: nothing runs anywhere before it ends.
                outcome = stale;
            }
            else
            {
                var (host, refused) = graph.Lock is { } node
                    ? await ClusterLock.TakeAsync(ctx, node, ctx.Events)
                    : (string.Empty, default);
                locked = graph.Lock is null ? null : host;
                outcome = host is null ? refused : await RunPhasesAsync(ctx, run);
            }
        }
        catch (OperationCanceledException) when (control.Aborting.IsCancellationRequested)
        {
            outcome = RunOutcome.Interrupted;
        }

        // A journal or events write that failed on the way stopped the run (nothing new started): whatever the steps
        // did, the run's record is incomplete, and that is what it ended with.
        if (control.StoreFaults.Count > 0 && outcome != RunOutcome.StoreUnwritable)
            outcome = RunOutcome.StoreFailed;

        // Released only after a run that succeeded; after a failure, an interrupt or a pause the lock stays, so no
        // other run starts on a cluster left half done, until this run is resumed (or the lock is removed by hand).
        if (graph.Lock is { } held && locked is not null)
        {
            if (outcome == RunOutcome.Succeeded)
                await ClusterLock.ReleaseAsync(ctx, held, locked, ctx.Events);
            else
                ClusterLock.Kept(held, locked, outcome, ctx.Events);
        }

        run.Finished(outcome);
        return outcome;
    }

    public static string OutcomeName(RunOutcome outcome) =>
        outcome switch
        {
            RunOutcome.Succeeded => "succeeded",
            RunOutcome.StepFailed => "step-failed",
            RunOutcome.Unreachable => "unreachable",
            RunOutcome.GateFailed => "gate-failed",
            RunOutcome.WaitingForApproval => "waiting-for-approval",
            RunOutcome.Locked => "locked",
            RunOutcome.PreflightFailed => "preflight-failed",
            RunOutcome.StoreFailed => "store-failed",
            RunOutcome.StoreUnwritable => "store-unwritable",
            _ => "interrupted",
        };

    private static async Task<RunOutcome> RunPhasesAsync(RunContext ctx, RunScope run)
    {
        var lastUse = new HostLastUse(ctx.Graph);
        foreach (var phase in ctx.Graph.Phases)
        {
            if (ctx.Control.StopRequested)
                return RunOutcome.Interrupted;
            var scope = run.Phase(phase);
            RunOutcome? stop = null;
            foreach (var batch in phase.Batches)
            {
                stop = ctx.Control.StopRequested
                    ? RunOutcome.Interrupted
                    : await BatchRunner.RunAsync(ctx, scope.Batch(batch), phase, batch);

                // The preflight's connections of hosts the plan needs no more go back under the pool's capacity.
                await ctx.Connections.UnpinAsync(lastUse.DoneAfter(batch.Id));
                if (stop is not null)
                    break;
            }

            scope.Finished(stop, tolerated: phase.Batches.Any(b => ctx.Failures.AnyFailed(b.Id)));
            if (stop is { } outcome)
                return outcome;
        }

        return ctx.Failures.Outcome;
    }
}
