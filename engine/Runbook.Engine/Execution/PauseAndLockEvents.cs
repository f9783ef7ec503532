namespace Runbook.Execution;

/// <summary>A pause was reached and is waiting for approval (asked at a terminal, or the run stops there).</summary>
/// <param name="Step">The pause's step id (p1.b2.s3).</param>
/// <param name="Message">What to check before approving.</param>
public sealed record PauseWaiting(int Phase, string Batch, string Step, string Name, string Message) : RunEvent
{
    internal override RunEvent Masked(Func<string, string> mask) =>
        this with
        {
            Name = mask(Name),
            Message = mask(Message),
        };
}

/// <summary>A pause was approved by <paramref name="By"/>; <paramref name="How"/> says how (asked…).</summary>
public sealed record PauseApproved(int Phase, string Batch, string Step, string Name, string By, string How) : RunEvent
{
    internal override RunEvent Masked(Func<string, string> mask) => this with { Name = mask(Name), By = mask(By) };
}

/// <summary>What happened to the runbook's cluster lock.</summary>
public enum ClusterLockEvent
{
    /// <summary>This run took the lock, or (resumed) found it still its own.</summary>
    Taken,

    /// <summary>Another run holds it: this run stops before any step.</summary>
    Held,

    /// <summary>The run succeeded and let the lock go.</summary>
    Released,

    /// <summary>The run did not succeed: the lock stays until the run is resumed or it is unlocked by hand.</summary>
    Kept,

    /// <summary>It could not be taken (the path could not be made, no candidate answered): nothing ran.</summary>
    Failed,
}

/// <summary>The cluster lock <paramref name="Name"/> at <paramref name="Path"/> on <paramref name="Host"/>.</summary>
/// <param name="Text">Who holds it (run, controller, start, CI job), or why it could not be taken or released.</param>
public sealed record ClusterLockChanged(ClusterLockEvent What, string Name, string Host, string Path, string Text)
    : RunEvent
{
    internal override RunEvent Masked(Func<string, string> mask) => this with { Text = mask(Text) };
}
