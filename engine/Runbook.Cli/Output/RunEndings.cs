using Runbook.Execution;

namespace Runbook.Cli.Output;

/// <summary>What the CLI says after the summary when a run stopped at a pause or at the cluster lock.</summary>
internal static class RunEndings
{
    /// <summary>Remembers why the cluster lock stopped the run, or why it was kept after it.</summary>
    internal sealed class LockReport : IRunObserver
    {
        public ClusterLockChanged? Refused { get; private set; }

        public ClusterLockChanged? NotReleased { get; private set; }

        public void OnEvent(RunEvent e)
        {
            if (e is ClusterLockChanged { What: ClusterLockEvent.Held or ClusterLockEvent.Failed } refused)
                Refused = refused;
            if (e is ClusterLockChanged { What: ClusterLockEvent.Kept } kept)
                NotReleased = kept;
        }
    }

    public static async Task ExplainAsync(CliContext cli, Graph.ExecutionGraph plan, RunResult result, LockReport locks)
    {
        var inventory = plan.Fingerprint.Inventory;
        if (result.Outcome == RunOutcome.WaitingForApproval)
        {
            await cli.Error.WriteLineAsync(
                $"run {result.Id} is waiting for approval (exit 5); when the pause's checks are done, go on with:\n"
                    + $"  runbook run {plan.Fingerprint.Runbook} -i {inventory} --resume {result.Id} --approve"
            );
        }

        if (locks.Refused is { } refused)
        {
            var unlock =
                refused.What == ClusterLockEvent.Held
                    ? $"; wait for that run to end, or, if it is gone, remove the lock with: "
                        + $"runbook unlock -i {inventory} --name {refused.Name}"
                    : string.Empty;
            await cli.Error.WriteLineAsync(
                $"error: cluster lock '{refused.Name}' on {refused.Host} ({refused.Path}): {refused.Text}{unlock}"
            );
        }
        else if (locks.NotReleased is { } kept && result.Outcome == RunOutcome.Succeeded)
        {
            await cli.Error.WriteLineAsync(
                $"warning: cluster lock '{kept.Name}' on {kept.Host} ({kept.Path}) {kept.Text}; remove it with: "
                    + $"runbook unlock -i {inventory} --name {kept.Name}"
            );
        }
    }
}
