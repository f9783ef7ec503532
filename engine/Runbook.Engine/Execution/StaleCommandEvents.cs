namespace Runbook.Execution;

/// <summary>
/// A resumed run found a command of its earlier incarnation still running on a host (the engine was killed, the
/// command was not): nothing runs on the host until it is gone. The run waits for it, up to
/// <paramref name="Limit"/>, or kills it (<paramref name="Killing"/>, <c>--kill-stale</c>).
/// </summary>
/// <param name="Step">The step id the command belongs to.</param>
/// <param name="Pid">The PID of the shell wrapping it on the host (its SSH session's id).</param>
/// <param name="Running">How long it had run when found.</param>
/// <param name="Limit">How long the run waits for it before it fails (the step's timeout, or the run's default, and a
/// grace).</param>
public sealed record StaleCommandFound(
    string Host,
    string Step,
    int Pid,
    TimeSpan Running,
    bool Killing,
    TimeSpan Limit
) : RunEvent
{
    internal override RunEvent Masked(Func<string, string> mask) => this;
}

/// <summary>How a stale command stopped holding its host.</summary>
public enum StaleCommandEnd
{
    /// <summary>It ended by itself while the run waited.</summary>
    Ended,

    /// <summary>The run killed it (<c>--kill-stale</c>).</summary>
    Killed,

    /// <summary>It still ran when the wait (or, killing, the grace after KILL) ran out: the run fails.</summary>
    StillRunning,
}

/// <summary>A stale command found by <see cref="StaleCommandFound"/> is gone, or the run gave up on it.</summary>
/// <param name="Waited">How long the run waited for it.</param>
public sealed record StaleCommandGone(string Host, string Step, int Pid, TimeSpan Waited, StaleCommandEnd How)
    : RunEvent
{
    internal override RunEvent Masked(Func<string, string> mask) => this;
}
