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
        await using var connections = new HostConnections(transport, graph.Endpoints, forks, control.Aborting);
        var ctx = new RunContext(graph, options, control, connections, forks);
        var resumed = options.Resume.CompletedSteps.Count + options.Resume.PassedGates.Count > 0;
        var run = new RunScope(ctx.Events, ctx.Time, graph.Runbook, options.RunId, resumed);
        RunOutcome outcome;
        try
        {
            // Before the first change, every host the plan touches is checked; a problem anywhere stops the run here.
            outcome =
                options.Preflight && await Preflight.RunAsync(ctx) is { } refused
                    ? refused
                    : await RunPhasesAsync(ctx, run);
        }
        catch (OperationCanceledException) when (control.Aborting.IsCancellationRequested)
        {
            outcome = RunOutcome.Interrupted;
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
            RunOutcome.PreflightFailed => "preflight-failed",
            _ => "interrupted",
        };

    private static async Task<RunOutcome> RunPhasesAsync(RunContext ctx, RunScope run)
    {
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
                if (stop is not null)
                    break;
            }

            scope.Finished(stop);
            if (stop is { } outcome)
                return outcome;
        }

        return ctx.Failures.Outcome;
    }
}
