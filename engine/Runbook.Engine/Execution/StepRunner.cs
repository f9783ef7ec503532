using Runbook.Graph;
using Runbook.Steps;
using Runbook.Transport;

namespace Runbook.Execution;

/// <summary>
/// Runs one step on one host and records it: started, output lines, finished with status and duration. What the step
/// does is its kind's executor (Steps/); what every step shares (skips, captures, failures in words) is here.
/// </summary>
internal static class StepRunner
{
    public static async Task<StepStatus> RunAsync(RunContext ctx, StepScope scope, StepNode step)
    {
        var host = scope.Host;
        if (RuntimeRenderer.Prepare(ctx, host, step, out var error) is not { } prepared)
        {
            scope.Finished(StepStatus.Failed, error);
            return StepStatus.Failed;
        }

        step = prepared;
        if (step.SkipReason is not null || step.Work is null)
        {
            scope.Finished(StepStatus.Skipped, step.SkipReason);
            return StepStatus.Skipped;
        }

        scope.Started(step.Work.Shown);
        var outcome = step.Retries is null
            ? await AttemptAsync(ctx, scope, step)
            : await StepRetrier.RunAsync(ctx, scope, step, AttemptAsync);
        var status = outcome.Status;
        var captured =
            status == StepStatus.Ok && step.Capture is { } name
                ? Capture(ctx, host, name, outcome.Stdout ?? string.Empty)
                : null;
        scope.Finished(
            status,
            outcome.Why,
            outcome.Exit,
            outcome.Attempts,
            status == StepStatus.Ok ? step.Capture : null,
            captured,
            outcome.Changed
        );
        return status;
    }

    /// <summary>Runs the step's work once; what goes wrong on the way is the outcome, not an exception.</summary>
    private static async Task<StepOutcome> AttemptAsync(RunContext ctx, StepScope scope, StepNode step)
    {
        StepOutcome outcome;
        try
        {
            outcome = await StepKinds.Of(step.Work!).ExecuteAsync(new StepExecution(ctx, scope, step), step.Work!);
        }
        catch (HostUnreachableException ex)
        {
            outcome = new StepOutcome(StepStatus.Unreachable, Why: ex.Reason);
        }
        catch (OperationCanceledException) when (ctx.Abort.IsCancellationRequested)
        {
            outcome = new StepOutcome(StepStatus.Interrupted, Why: "aborted");
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // A dropped connection or a transport fault fails this host's step; the run and its journal go on.
            var (status, why) = TransportFault.Describe(ex);
            outcome = new StepOutcome(status, Why: why);
        }

        return outcome;
    }

    /// <summary>Stores the trimmed stdout; returns what the journal may record: the value, or null when it holds a secret.</summary>
    private static string? Capture(RunContext ctx, string host, string name, string stdout)
    {
        var value = stdout.Trim();
        ctx.Captures.Set(host, name, value);
        return ctx.Graph.Secrets.Apply(value) == value ? value : null;
    }
}
