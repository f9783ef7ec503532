using Runbook.Graph;

namespace Runbook.Execution;

/// <summary>Runs an on: any(...) step once, on the first candidate that can be reached.</summary>
internal static class OnceRunner
{
    public static async Task RunAsync(RunContext ctx, int phase, string batch, OnceSegment once)
    {
        if (once.Steps.Any(s => ctx.Options.Resume.CompletedSteps.Contains(s.Id)) || ctx.Control.StopRequested) return;
        if (once.Candidates.IsEmpty || (once.PerHost.IsEmpty && once.Step.SkipReason is not null))
        {
            await StepRunner.RunAsync(ctx, phase, batch, once.Step.Host, once.Step);
            return;
        }

        if (await CandidateWalk.FirstReachableAsync(ctx, once.Candidates.Where(h => !ctx.Failures.HasFailed(h))) is var (host, _))
        {
            var status = await StepRunner.RunAsync(ctx, phase, batch, host, once.StepFor(host));
            if (status is not (StepStatus.Ok or StepStatus.Skipped or StepStatus.Interrupted)) ctx.Failures.Fail(batch, host, status);
            return;
        }

        var step = once.Step;
        ctx.Events.Publish(new RunEvent(RunEventKind.StepFinished, ctx.Events.Now, phase, batch, once.Target, step.Id, step.Name, StepStatus.Unreachable, Text: "no reachable candidate host"));
        ctx.Failures.FailTarget(batch, once.Target);
    }
}
