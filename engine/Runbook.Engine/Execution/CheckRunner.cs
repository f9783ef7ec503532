using Runbook.Graph;
using Runbook.Transport;

namespace Runbook.Execution;

/// <summary>Runs a verify: the command every <c>every</c> until the expectation holds or <c>within</c> runs out.</summary>
internal static class CheckRunner
{
    public sealed record Attempt(int Number, CommandResult Result, bool Passed);

    /// <summary>
    /// Returns Ok, TimedOut (never held in time), or Interrupted (<paramref name="stop"/> fired between attempts).
    /// Throws OperationCanceledException when the run is aborted.
    /// </summary>
    public static async Task<(StepStatus Status, Attempt? Last)> RunAsync(
        RunContext ctx,
        IHostConnection connection,
        CheckNode check,
        StepNode? step,
        Action<OutputLine>? onOutput,
        Action<Attempt> onAttempt,
        CancellationToken stop,
        bool become = false
    )
    {
        var deadline = ctx.Time.GetUtcNow() + check.Within.Value;
        var every = check.Every.Value > TimeSpan.Zero ? check.Every.Value : TimeSpan.FromMilliseconds(1);
        var command = RunContext.Remote(check.Command, step, check.Within.Value, become);
        // A verify step's probe is marked like any step's command (a gate's is not: it is the engine's own check).
        if (step is { Local: false })
            command = command with { Marker = new CommandMarker(ctx.Options.RunId, step.Id) };
        for (var n = 1; ; n++)
        {
            var result = await connection.ExecuteAsync(command, onOutput, ctx.Abort);
            var attempt = new Attempt(n, result, ExpectationMatcher.Holds(check.Expect, result));
            onAttempt(attempt);
            if (attempt.Passed)
                return (StepStatus.Ok, attempt);
            if (ctx.Time.GetUtcNow() + every > deadline)
                return (StepStatus.TimedOut, attempt);
            if (stop.IsCancellationRequested)
                return (StepStatus.Interrupted, attempt);
            await Task.Delay(every, ctx.Time, ctx.Abort);
        }
    }
}
