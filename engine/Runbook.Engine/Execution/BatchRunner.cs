using System.Diagnostics;
using Runbook.Graph;

namespace Runbook.Execution;

/// <summary>Runs one batch: its segments in order (hosts concurrently, up to forks), then its gates.</summary>
internal static class BatchRunner
{
    /// <summary>Null when the rollout may go on; otherwise why it stops.</summary>
    public static async Task<RunOutcome?> RunAsync(RunContext ctx, BatchScope scope, PhaseNode phase, BatchNode batch)
    {
        foreach (var segment in batch.StepSegments)
        {
            if (ctx.Control.StopRequested)
                break;
            if (segment is BatchStepSegment perBatch)
            {
                // Nobody is asked to approve a batch that has already failed: it stops at its end as it would anyway.
                if (Judge(ctx, phase, batch) is not null)
                    break;
                if (await RunOnceForBatchAsync(ctx, scope, perBatch.Step) is { } stop)
                    return scope.Finished(stop);
                continue;
            }

            var work = segment switch
            {
                HostStepsSegment hosts => Task.WhenAll(hosts.Hosts.Select(h => RunHostAsync(ctx, scope, h))),
                OnceSegment once => OnceRunner.RunAsync(ctx, scope, once),
                GateNode => throw new UnreachableException("gates are not step segments"),
                _ => throw new UnreachableException($"no runner for {segment.GetType().Name}"),
            };
            await work;
        }

        var outcome = Judge(ctx, phase, batch);
        if (outcome is null && !AlreadyPassed(ctx, batch))
        {
            foreach (var gate in batch.Gates)
            {
                if (ctx.Control.StopRequested)
                    return scope.Finished(RunOutcome.Interrupted);
                var status = await GateRunner.RunAsync(ctx, scope.Gate(gate), gate);
                if (status == StepStatus.Interrupted)
                    return scope.Finished(RunOutcome.Interrupted);
                if (status != StepStatus.Ok)
                    return scope.Finished(RunOutcome.GateFailed);
            }
        }

        return scope.Finished(outcome);
    }

    /// <summary>A step run once for the batch on the controller (a pause); why the rollout stops, or null.</summary>
    private static async Task<RunOutcome?> RunOnceForBatchAsync(RunContext ctx, BatchScope scope, StepNode step)
    {
        if (ctx.Options.Resume.CompletedSteps.Contains(step.Id))
            return null;
        return await StepRunner.RunAsync(ctx, scope.Host(step.Host).Step(step), step) switch
        {
            StepStatus.Ok or StepStatus.Skipped => null,
            StepStatus.Waiting => RunOutcome.WaitingForApproval,
            StepStatus.Interrupted => RunOutcome.Interrupted,
            _ => RunOutcome.StepFailed,
        };
    }

    private static RunOutcome? Judge(RunContext ctx, PhaseNode phase, BatchNode batch) =>
        ctx.Failures.Judge(batch.Id, batch.Hosts.Length, phase.MaxFailures, phase.MaxFailPercent)
        ?? (ctx.Control.StopRequested || ctx.Abort.IsCancellationRequested ? RunOutcome.Interrupted : null);

    private static bool AlreadyPassed(RunContext ctx, BatchNode batch) =>
        batch.Gates.Length > 0 && batch.Gates.All(g => ctx.Options.Resume.PassedGates.Contains(g.Id));

    private static async Task RunHostAsync(RunContext ctx, BatchScope batch, HostSequence sequence)
    {
        if (ctx.Failures.HasFailed(sequence.Host))
            return;
        try
        {
            await ctx.Forks.WaitAsync(ctx.Abort);
        }
        catch (OperationCanceledException)
        {
            return;
        }

        var host = batch.Host(sequence.Host);
        var hold = ctx.Connections.Hold(sequence.Host);
        try
        {
            foreach (var step in sequence.Steps)
            {
                if (ctx.Options.Resume.CompletedSteps.Contains(step.Id))
                    continue;
                if (ctx.Control.StopRequested)
                    return;
                var status = await StepRunner.RunAsync(ctx, host.Step(step), step);
                if (status is StepStatus.Ok or StepStatus.Skipped)
                    continue;
                if (status != StepStatus.Interrupted)
                    ctx.Failures.Fail(batch.Id, sequence.Host, status);
                return;
            }
        }
        finally
        {
            ctx.Forks.Release();
            await hold.DisposeAsync();
        }
    }
}
