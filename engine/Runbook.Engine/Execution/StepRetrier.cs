using Runbook.Graph;
using Runbook.Steps;

namespace Runbook.Execution;

/// <summary>
/// Runs a step with 'retries': an attempt that fails (non-zero exit, or its timeout) runs again after the delay, up
/// to the count; the last attempt's outcome is the step's. Every attempt is an event (and a journal record); a step
/// that did not finish is not recorded as done, so a resumed run starts its attempts again from the first.
/// </summary>
internal static class StepRetrier
{
    public static async Task<StepOutcome> RunAsync(
        RunContext ctx,
        StepScope scope,
        StepNode step,
        Func<RunContext, StepScope, StepNode, Task<StepOutcome>> attempt
    )
    {
        var retries = step.Retries!;
        for (var n = 1; ; n++)
        {
            var began = scope.Attempting(n);
            var outcome = await attempt(ctx, scope, step);
            var again = n < retries.Attempts && outcome.Status is StepStatus.Failed or StepStatus.TimedOut;
            var reason = outcome.Status == StepStatus.Ok ? null : outcome.Why;
            var next = again ? $"attempt {n + 1} of {retries.Attempts} in {retries.Delay}" : null;
            scope.Attempted(n, began, outcome.Status, outcome.Exit, Join(reason, next));
            if (!again)
                return outcome with { Attempts = n };
            // A stop asked for between attempts is honoured as between steps: nothing new starts.
            if (ctx.Control.StopRequested)
                return new StepOutcome(StepStatus.Interrupted, outcome.Exit, n, $"stopped before attempt {n + 1}");
            try
            {
                await Task.Delay(retries.Delay.Value, ctx.Time, ctx.Abort);
            }
            catch (OperationCanceledException) when (ctx.Abort.IsCancellationRequested)
            {
                return new StepOutcome(StepStatus.Interrupted, outcome.Exit, n, "aborted");
            }
        }
    }

    private static string? Join(string? reason, string? next) =>
        (reason, next) switch
        {
            (null, null) => null,
            ({ } r, null) => r,
            (null, { } x) => x,
            ({ } r, { } x) => $"{r}; {x}",
        };
}
