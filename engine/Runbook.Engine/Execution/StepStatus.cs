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
}
