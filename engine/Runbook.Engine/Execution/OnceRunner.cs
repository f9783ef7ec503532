using Runbook.Graph;

namespace Runbook.Execution;

/// <summary>Runs an on: any(...) step once, on the first candidate that can be reached.</summary>
internal static class OnceRunner
{
    public static async Task RunAsync(RunContext ctx, BatchScope batch, OnceSegment once, BatchNode node)
    {
        if (once.Steps.Any(s => ctx.Options.Resume.CompletedSteps.Contains(s.Id)) || ctx.Control.StopRequested)
            return;
        if (once.Candidates.IsEmpty || (once.PerHost.IsEmpty && once.Step.SkipReason is not null))
        {
            await StepRunner.RunAsync(ctx, batch.Host(once.Step.Host).Step(once.Step), once.Step);
            return;
        }

        if (
            await CandidateWalk.FirstReachableAsync(ctx, once.Candidates.Where(h => !ctx.Failures.HasFailed(h)))
            is var (host, _)
        )
        {
            var step = once.StepFor(host);
            var status = await StepRunner.RunAsync(ctx, batch.Host(host).Step(step), step);
            if (status is not (StepStatus.Ok or StepStatus.Skipped or StepStatus.Interrupted))
            {
                ctx.Failures.Fail(batch.Id, host, status);
                // The candidate that failed the step cleans up as if one of its own steps failed.
                await CleanupRunner.OnFailureAsync(ctx, batch, node, host, step, status);
            }

            return;
        }

        batch.Host(once.Target).Step(once.Step).Finished(StepStatus.Unreachable, "no reachable candidate host");
        ctx.Failures.FailTarget(batch.Id, once.Target);
    }
}
