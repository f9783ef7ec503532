using Runbook.Execution;

namespace Runbook.Cli;

/// <summary>Process exit codes: a contract with CI pipelines, documented in README.md.</summary>
internal static class ExitCodes
{
    public const int Success = 0;
    public const int StepFailed = 1;
    public const int PlanChanged = 1; // runbook diff --exit-code
    public const int Invalid = 2;
    public const int Unreachable = 3;
    public const int GateFailed = 4;
    public const int WaitingForApproval = 5;
    public const int StoreFailed = 6; // the journal or events could not be written mid-run: make room, then resume
    public const int Internal = 70;
    public const int Interrupted = 130;

    /// <summary>
    /// The exit code of a run's outcome: the engine's table (RunOutcomes), which the run-finished event carries too.
    /// </summary>
    public static int For(RunOutcome outcome) => RunOutcomes.ExitCode(outcome);
}
