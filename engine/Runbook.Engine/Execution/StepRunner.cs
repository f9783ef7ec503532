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
    public static async Task<StepStatus> RunAsync(RunContext ctx, int phase, string batch, string host, StepNode step)
    {
        var events = ctx.Events;
        if (RuntimeRenderer.Prepare(ctx, host, step, out var error) is not { } prepared)
        {
            events.Publish(new RunEvent(RunEventKind.StepFinished, events.Now, phase, batch, host, step.Id, step.Name, StepStatus.Failed, Text: error));
            return StepStatus.Failed;
        }

        step = prepared;
        if (step.SkipReason is not null || step.Work is null)
        {
            events.Publish(new RunEvent(RunEventKind.StepFinished, events.Now, phase, batch, host, step.Id, step.Name, StepStatus.Skipped, Text: step.SkipReason));
            return StepStatus.Skipped;
        }

        var kind = StepKinds.Of(step.Work);
        events.Publish(new RunEvent(RunEventKind.StepStarted, events.Now, phase, batch, host, step.Id, step.Name, Text: step.Work.Shown));
        var started = ctx.Time.GetTimestamp();
        StepOutcome outcome;
        try
        {
            outcome = await kind.ExecuteAsync(new StepExecution(ctx, phase, batch, host, step), step.Work);
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
            outcome = new StepOutcome(StepStatus.Failed, Why: $"transport error: {ex.GetType().Name}: {ex.Message}");
        }

        var status = outcome.Status;
        var captured = status == StepStatus.Ok && step.Capture is { } name ? Capture(ctx, host, name, outcome.Stdout ?? string.Empty) : null;
        events.Publish(new RunEvent(RunEventKind.StepFinished, events.Now, phase, batch, host, step.Id, step.Name, status, outcome.Exit, outcome.Attempts, ctx.Time.GetElapsedTime(started), Text: outcome.Why)
        {
            Capture = status == StepStatus.Ok ? step.Capture : null,
            Captured = captured,
        });
        return status;
    }

    /// <summary>Stores the trimmed stdout; returns what the journal may record: the value, or null when it holds a secret.</summary>
    private static string? Capture(RunContext ctx, string host, string name, string stdout)
    {
        var value = stdout.Trim();
        ctx.Captures.Set(host, name, value);
        return ctx.Graph.Secrets.Apply(value) == value ? value : null;
    }
}
