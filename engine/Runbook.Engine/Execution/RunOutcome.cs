namespace Runbook.Execution;

/// <summary>How a run ended. The CLI maps each to an exit code (ExitCodes.For).</summary>
public enum RunOutcome
{
    Succeeded,
    StepFailed,
    Unreachable,
    GateFailed,
    Interrupted,

    /// <summary>A pause was reached and not approved: resume the run with an approval to go on.</summary>
    WaitingForApproval,

    /// <summary>Another run holds the runbook's cluster lock: nothing ran.</summary>
    Locked,

    /// <summary>The preflight found a problem on a reachable host (sudo refused, a required command missing).</summary>
    PreflightFailed,

    /// <summary>
    /// A write to the journal or the events failed during the run (a full disk): nothing new started, the steps that
    /// were running finished; resume it once the file can be written again.
    /// </summary>
    StoreFailed,

    /// <summary>The journal or the events could not be written at the run's start: nothing ran.</summary>
    StoreUnwritable,
}
