namespace Runbook.Execution;

/// <summary>How a step, a gate attempt or a gate ended.</summary>
public enum StepStatus
{
    Ok,
    Failed,
    Skipped,
    Unreachable,
    TimedOut,
    Interrupted,

    /// <summary>A pause that was not approved: the run stops there, waiting for approval.</summary>
    Waiting,
}
