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
        ctx.Events.Publish(new RunEvent(RunEventKind.RunStarted, ctx.Events.Now, Name: graph.Runbook, Text: options.RunId + (resumed ? " (resumed)" : string.Empty)));
        var started = ctx.Time.GetTimestamp();
        RunOutcome outcome;
        try
        {
            outcome = await RunPhasesAsync(ctx);
        }
        catch (OperationCanceledException) when (control.Aborting.IsCancellationRequested)
        {
            outcome = RunOutcome.Interrupted;
        }

        ctx.Events.Publish(new RunEvent(RunEventKind.RunFinished, ctx.Events.Now, Name: graph.Runbook, Status: outcome == RunOutcome.Succeeded ? StepStatus.Ok : outcome == RunOutcome.Interrupted ? StepStatus.Interrupted : StepStatus.Failed,
            Duration: ctx.Time.GetElapsedTime(started), Text: OutcomeName(outcome)));
        return outcome;
    }

    public static string OutcomeName(RunOutcome outcome) => outcome switch
    {
        RunOutcome.Succeeded => "succeeded",
        RunOutcome.StepFailed => "step-failed",
        RunOutcome.Unreachable => "unreachable",
        RunOutcome.GateFailed => "gate-failed",
        _ => "interrupted",
    };

    private static async Task<RunOutcome> RunPhasesAsync(RunContext ctx)
    {
        foreach (var phase in ctx.Graph.Phases)
        {
            if (ctx.Control.StopRequested) return RunOutcome.Interrupted;
            ctx.Events.Publish(new RunEvent(RunEventKind.PhaseStarted, ctx.Events.Now, phase.Number, Name: phase.Name));
            var started = ctx.Time.GetTimestamp();
            RunOutcome? stop = null;
            foreach (var batch in phase.Batches)
            {
                stop = ctx.Control.StopRequested ? RunOutcome.Interrupted : await BatchRunner.RunAsync(ctx, phase, batch);
                if (stop is not null) break;
            }

            var status = stop switch { null => StepStatus.Ok, RunOutcome.Interrupted => StepStatus.Interrupted, _ => StepStatus.Failed };
            ctx.Events.Publish(new RunEvent(RunEventKind.PhaseFinished, ctx.Events.Now, phase.Number, Name: phase.Name, Status: status, Duration: ctx.Time.GetElapsedTime(started)));
            if (stop is { } outcome) return outcome;
        }

        return ctx.Failures.Outcome;
    }
}
