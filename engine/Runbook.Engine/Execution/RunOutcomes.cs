namespace Runbook.Execution;

/// <summary>
/// The exit code of each run outcome. It lives with the outcomes rather than in the CLI because the run-finished
/// event carries it (a pipeline reading --events, or a host program, gets the same number the CLI exits with); the
/// CLI's ExitCodes.For is this table, and the CLI alone adds the codes that are not run outcomes (usage, internal).
/// </summary>
internal static class RunOutcomes
{
    public static int ExitCode(RunOutcome outcome) =>
        outcome switch
        {
            RunOutcome.Succeeded => 0,
            RunOutcome.StepFailed => 1,
            RunOutcome.Unreachable => 3,
            RunOutcome.GateFailed => 4,
            RunOutcome.WaitingForApproval => 5,
            RunOutcome.Interrupted => 130,
            RunOutcome.Locked => 2,
            RunOutcome.PreflightFailed => 2, // a missing command or sudo: fix the hosts, nothing ran
            RunOutcome.StoreFailed => 6, // the journal stopped mid-run: make room, then resume
            RunOutcome.StoreUnwritable => 2, // the journal or events cannot be written: nothing ran
            _ => 70,
        };
}
