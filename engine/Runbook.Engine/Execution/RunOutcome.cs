namespace Runbook.Execution;

/// <summary>How a run ended. The CLI maps each to an exit code (ExitCodes.For).</summary>
public enum RunOutcome
{
    Succeeded,
    StepFailed,
    Unreachable,
    GateFailed,
    Interrupted,

    /// <summary>The preflight found a problem on a reachable host (sudo refused, a required command missing).</summary>
    PreflightFailed,
}
