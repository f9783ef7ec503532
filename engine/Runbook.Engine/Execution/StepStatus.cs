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

    /// <summary>
    /// A batch or phase that went on although hosts failed in it, because they were within the phase's max_failures
    /// or max_fail_percent (only batches and phases end so; the run itself still ends step-failed or unreachable).
    /// </summary>
    Tolerated,
}
