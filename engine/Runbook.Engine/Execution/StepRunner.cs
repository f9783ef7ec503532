using Runbook.Graph;
using Runbook.Model;
using Runbook.Transport;

namespace Runbook.Execution;

/// <summary>Runs one step on one host and records it: started, output lines, finished with status and duration.</summary>
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
        if (step.SkipReason is { } reason)
        {
            events.Publish(new RunEvent(RunEventKind.StepFinished, events.Now, phase, batch, host, step.Id, step.Name, StepStatus.Skipped, Text: reason));
            return StepStatus.Skipped;
        }

        var shown = step.Command?.Display ?? step.Check?.Command.Display ?? (step.Wait is { } w ? "wait " + w : null);
        events.Publish(new RunEvent(RunEventKind.StepStarted, events.Now, phase, batch, host, step.Id, step.Name, Text: shown));
        var started = ctx.Time.GetTimestamp();
        var (status, exit, attempts, why, stdout) = (StepStatus.Ok, (int?)null, (int?)null, (string?)null, (string?)null);
        try
        {
            switch (step.Kind)
            {
                case StepKind.Wait:
                    await Task.Delay(step.Wait!.Value.Value, ctx.Time, ctx.Abort);
                    break;
                case StepKind.Verify:
                    var connection = await ctx.Connections.GetAsync(host);
                    var (checkStatus, last) = await CheckRunner.RunAsync(ctx, connection, step.Check!, step, ctx.OutputTo(phase, batch, host, step.Id), _ => { }, CancellationToken.None);
                    (status, exit, attempts, stdout) = (checkStatus, last?.Result.ExitCode, last?.Number, last?.Result.Stdout);
                    if (status != StepStatus.Ok) why = $"expected {step.Check!.Expect} within {step.Check.Within}";
                    break;
                default:
                    var result = await (await ctx.Connections.GetAsync(host)).ExecuteAsync(RunContext.Remote(step.Command!, step, null), ctx.OutputTo(phase, batch, host, step.Id), ctx.Abort);
                    (exit, stdout) = (result.ExitCode, result.Stdout);
                    status = result.TimedOut ? StepStatus.TimedOut : result.ExitCode == 0 ? StepStatus.Ok : StepStatus.Failed;
                    if (result.TimedOut) why = $"timed out after {step.Timeout}";
                    break;
            }
        }
        catch (HostUnreachableException ex)
        {
            (status, why) = (StepStatus.Unreachable, ex.Reason);
        }
        catch (OperationCanceledException) when (ctx.Abort.IsCancellationRequested)
        {
            (status, why) = (StepStatus.Interrupted, "aborted");
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // A dropped connection or a transport fault fails this host's step; the run and its journal go on.
            (status, why) = (StepStatus.Failed, $"transport error: {ex.GetType().Name}: {ex.Message}");
        }

        var captured = status == StepStatus.Ok && step.Capture is { } name ? Capture(ctx, host, name, stdout ?? string.Empty) : null;
        events.Publish(new RunEvent(RunEventKind.StepFinished, events.Now, phase, batch, host, step.Id, step.Name, status, exit, attempts, ctx.Time.GetElapsedTime(started), Text: why)
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
