using System.Collections.Concurrent;
using System.Diagnostics;
using Runbook.Graph;

namespace Runbook.Execution;

/// <summary>
/// Runs one batch: its preconditions, its segments in order (hosts concurrently, up to forks), its hosts' clean-up,
/// then its gates.
/// </summary>
internal static class BatchRunner
{
    /// <summary>Null when the rollout may go on; otherwise why it stops.</summary>
    public static async Task<RunOutcome?> RunAsync(RunContext ctx, BatchScope scope, PhaseNode phase, BatchNode batch)
    {
        if (await PreconditionsAsync(ctx, scope, batch) is { } refused)
            return scope.Finished(refused);

        // Hosts that began one of the batch's steps in this run: they get the phase's finally.
        var started = new ConcurrentDictionary<string, bool>(StringComparer.Ordinal);
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
                HostStepsSegment hosts => Task.WhenAll(
                    hosts.Hosts.Select(h => RunHostAsync(ctx, scope, batch, h, started))
                ),
                OnceSegment once => OnceRunner.RunAsync(ctx, scope, once, batch),
                GateNode => throw new UnreachableException("gates are not step segments"),
                _ => throw new UnreachableException($"no runner for {segment.GetType().Name}"),
            };
            await work;
        }

        if (!batch.Cleanup.IsEmpty)
            await CleanupRunner.FinallyAsync(ctx, scope, batch, started);

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

        // Failures within the tolerance let the rollout go on, but the batch did not simply pass: it says so.
        return scope.Finished(outcome, tolerated: outcome is null && ctx.Failures.AnyFailed(batch.Id));
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

    /// <summary>
    /// Checks the batch's preconditions, in order, before anything of it runs; null when all pass (or when an earlier
    /// attempt of the run completed every step of the batch, so nothing is left for them to guard), otherwise why the
    /// rollout stops. A resumed run checks them again, whatever they said before.
    /// </summary>
    private static async Task<RunOutcome?> PreconditionsAsync(RunContext ctx, BatchScope scope, BatchNode batch)
    {
        if (batch.Preconditions.IsEmpty || Completed(ctx, batch))
            return null;
        foreach (var precondition in batch.Preconditions)
        {
            if (ctx.Control.StopRequested)
                return RunOutcome.Interrupted;
            var status = await GateRunner.RunAsync(ctx, scope.Gate(precondition), precondition);
            if (status == StepStatus.Interrupted)
                return RunOutcome.Interrupted;
            if (status != StepStatus.Ok)
                return RunOutcome.GateFailed;
        }

        return null;
    }

    /// <summary>
    /// Whether an earlier attempt completed every step of the batch (a resumed run passes through it).
    /// </summary>
    private static bool Completed(RunContext ctx, BatchNode batch)
    {
        var done = ctx.Options.Resume.CompletedSteps;
        return done.Count > 0
            && batch.StepSegments.All(segment =>
                segment is OnceSegment once
                    ? once.Steps.Any(s => done.Contains(s.Id))
                    : segment.Steps.All(s => done.Contains(s.Id))
            );
    }

    private static async Task RunHostAsync(
        RunContext ctx,
        BatchScope batch,
        BatchNode node,
        HostSequence sequence,
        ConcurrentDictionary<string, bool> started
    )
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
                started[sequence.Host] = true;
                var status = await StepRunner.RunAsync(ctx, host.Step(step), step);
                if (status is StepStatus.Ok or StepStatus.Skipped)
                    continue;
                if (status != StepStatus.Interrupted)
                {
                    ctx.Failures.Fail(batch.Id, sequence.Host, status);
                    await CleanupRunner.OnFailureAsync(ctx, batch, node, sequence.Host, step, status);
                }

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
