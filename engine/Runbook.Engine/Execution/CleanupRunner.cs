using System.Collections.Concurrent;
using Runbook.Graph;

namespace Runbook.Execution;

/// <summary>
/// Runs a host's clean-up in a batch: its 'on_failure' steps right after one of its steps failed or timed out (before
/// the host is given up), its 'finally' steps once the batch's steps are done, on every host that started them. Each
/// list runs in order and stops at its first step that does not succeed (the rest are recorded as skipped), as a
/// phase's steps do. Clean-up never changes why the host failed: a failed clean-up step is reported, and a failed
/// 'finally' step fails only a host whose steps succeeded.
/// </summary>
/// <remarks>
/// Interrupts: the first (stop) lets running work finish and starts nothing new of the phase's steps, but clean-up
/// still runs, since it brings a host back to a known state; the second (abort) stops clean-up too. A host that could
/// not be reached gets no clean-up: its steps are recorded as skipped.
/// </remarks>
internal static class CleanupRunner
{
    /// <summary>
    /// The host failed <paramref name="failed"/> with <paramref name="status"/>: runs its on_failure.
    /// </summary>
    public static async Task OnFailureAsync(
        RunContext ctx,
        BatchScope scope,
        BatchNode batch,
        string host,
        StepNode failed,
        StepStatus status
    )
    {
        if (batch.CleanupOf(host) is not { OnFailure.IsEmpty: false } cleanup || ctx.Abort.IsCancellationRequested)
            return;
        if (status == StepStatus.Unreachable)
        {
            Unreachable(scope, host, cleanup.OnFailure);
            return;
        }

        await RunListAsync(
            ctx,
            scope,
            host,
            StepList.OnFailure,
            cleanup.OnFailure,
            $"step '{failed.Name}' ({failed.Id}) {Said(status)}"
        );
    }

    /// <summary>
    /// Runs the finally steps of every host of the batch that started its steps in this run (<paramref
    /// name="started"/>)
    /// or in an earlier one whose finally did not run to its end; hosts concurrently, up to forks.
    /// </summary>
    public static async Task FinallyAsync(
        RunContext ctx,
        BatchScope scope,
        BatchNode batch,
        ConcurrentDictionary<string, bool> started
    )
    {
        var due = batch
            .Cleanup.Where(c => !c.Finally.IsEmpty)
            .Where(c => started.ContainsKey(c.Host) || StartedBefore(ctx, batch, c.Host))
            .ToList();
        await Task.WhenAll(due.Select(c => FinallyAsync(ctx, scope, batch, c)));
    }

    private static async Task FinallyAsync(RunContext ctx, BatchScope scope, BatchNode batch, HostCleanup cleanup)
    {
        var failure = ctx.Failures.StatusOf(cleanup.Host);
        if (failure == StepStatus.Unreachable)
        {
            Unreachable(scope, cleanup.Host, cleanup.Finally);
            return;
        }

        try
        {
            await ctx.Forks.WaitAsync(ctx.Abort);
        }
        catch (OperationCanceledException)
        {
            return;
        }

        var hold = ctx.Connections.Hold(cleanup.Host);
        try
        {
            var status = await RunListAsync(ctx, scope, cleanup.Host, StepList.Finally, cleanup.Finally, null);
            // A host whose steps succeeded fails with its finally; one that failed keeps its own failure.
            if (failure is null && status is not (StepStatus.Ok or StepStatus.Interrupted))
                ctx.Failures.Fail(batch.Id, cleanup.Host, status);
        }
        finally
        {
            ctx.Forks.Release();
            await hold.DisposeAsync();
        }
    }

    private static async Task<StepStatus> RunListAsync(
        RunContext ctx,
        BatchScope scope,
        string host,
        StepList list,
        IReadOnlyList<StepNode> steps,
        string? why
    )
    {
        var cleanup = scope.Cleanup(host, list, why);
        var hostScope = scope.Host(host);
        var worst = StepStatus.Ok;
        foreach (var step in steps)
        {
            if (worst != StepStatus.Ok)
            {
                hostScope.Step(step).Finished(StepStatus.Skipped, $"an earlier {list.Key()} step failed");
                continue;
            }

            if (ctx.Abort.IsCancellationRequested)
            {
                worst = StepStatus.Interrupted;
                break;
            }

            var status = await StepRunner.RunAsync(ctx, hostScope.Step(step), step);
            if (status is not (StepStatus.Ok or StepStatus.Skipped))
                worst = status;
            if (status == StepStatus.Interrupted)
                break;
        }

        cleanup.Finished(worst);
        return worst;
    }

    /// <summary>
    /// Whether an earlier attempt began one of the host's steps in the batch and its finally did not end.
    /// </summary>
    private static bool StartedBefore(RunContext ctx, BatchNode batch, string host)
    {
        var resume = ctx.Options.Resume;
        if (resume.StartedSteps.Count == 0 || resume.FinallyDone.Contains(ResumeState.HostKey(batch.Id, host)))
            return false;
        return batch
            .Segments.OfType<HostStepsSegment>()
            .SelectMany(s => s.Hosts)
            .Where(h => h.Host == host)
            .SelectMany(h => h.Steps)
            .Any(s => resume.StartedSteps.Contains(s.Id));
    }

    private static void Unreachable(BatchScope scope, string host, IEnumerable<StepNode> steps)
    {
        foreach (var step in steps)
            scope.Host(host).Step(step).Finished(StepStatus.Skipped, "host unreachable");
    }

    private static string Said(StepStatus status) =>
        status == StepStatus.TimedOut ? "timed out" : EventJson.Name(status);
}
