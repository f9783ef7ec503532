using Runbook.Graph;
using Runbook.Transport;

namespace Runbook.Execution;

/// <summary>Runs a verify: the command every <c>every</c> until the expectation holds or <c>within</c> runs out.</summary>
internal static class CheckRunner
{
    public sealed record Attempt(int Number, CommandResult Result, bool Passed);

    /// <summary>
    /// Returns Ok, TimedOut (never held in time), or Interrupted (<paramref name="stop"/> fired between attempts).
    /// Throws OperationCanceledException when the run is aborted. Each attempt's command gets the time left until the
    /// deadline as its timeout (at least a second), so a check on a host that stopped answering ends by
    /// <c>within</c> (plus the transport's short grace) rather than <c>within</c> after its last attempt began; when
    /// the next attempt would start after the deadline, one last attempt runs at the deadline, so a check that gives
    /// up has had all of its <c>within</c>.
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
        for (var n = 1; ; n++)
        {
            var left = deadline - ctx.Time.GetUtcNow();
            var timeout = left > MinimumAttempt ? left : MinimumAttempt;
            var command = RunContext.Remote(check.Command, step, timeout, become);
            // A verify step's probe is marked like any step's command (a gate's is not: it is the engine's own check).
            if (step is { Local: false })
                command = command with { Marker = new CommandMarker(ctx.Options.RunId, step.Id) };
            var result = await connection.ExecuteAsync(command, onOutput, ctx.Abort);
            var attempt = new Attempt(n, result, ExpectationMatcher.Holds(check.Expect, result));
            onAttempt(attempt);
            if (attempt.Passed)
                return (StepStatus.Ok, attempt);
            var now = ctx.Time.GetUtcNow();
            if (now >= deadline)
                return (StepStatus.TimedOut, attempt);
            if (stop.IsCancellationRequested)
                return (StepStatus.Interrupted, attempt);
            await Task.Delay(now + every > deadline ? deadline - now : every, ctx.Time, ctx.Abort);
        }
    }

    /// <summary>The shortest timeout an attempt gets (the host's `timeout` counts whole seconds).</summary>
    private static readonly TimeSpan MinimumAttempt = TimeSpan.FromSeconds(1);
}
