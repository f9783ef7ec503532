using Runbook.Execution;

namespace Runbook.Tests.Execution;

public sealed class FailureLedgerTests
{
    [Fact]
    public void A_batch_within_max_failures_goes_on_and_one_more_failure_stops_the_rollout()
    {
        var ledger = new FailureLedger();
        ledger.Fail("p1.b1", "node-1", StepStatus.Failed);
        Assert.Null(ledger.Judge("p1.b1", hosts: 3, maxFailures: 1, maxFailPercent: null));

        ledger.Fail("p1.b1", "node-2", StepStatus.Unreachable);
        Assert.Equal(RunOutcome.StepFailed, ledger.Judge("p1.b1", hosts: 3, maxFailures: 1, maxFailPercent: null));
    }

    [Fact]
    public void Max_fail_percent_rounds_down_and_overrides_max_failures()
    {
        var ledger = new FailureLedger();
        ledger.Fail("p1.b1", "node-1", StepStatus.Failed);
        Assert.Null(ledger.Judge("p1.b1", hosts: 10, maxFailures: 0, maxFailPercent: 19)); // 1 allowed
        ledger.Fail("p1.b1", "node-2", StepStatus.Failed);
        Assert.Equal(RunOutcome.StepFailed, ledger.Judge("p1.b1", hosts: 10, maxFailures: 5, maxFailPercent: 19));
        Assert.Equal(RunOutcome.StepFailed, ledger.Judge("p1.b1", hosts: 3, maxFailures: 5, maxFailPercent: 50));
    }

    [Fact]
    public void A_batch_is_judged_on_its_own_failures_only()
    {
        var ledger = new FailureLedger();
        ledger.Fail("p1.b1", "node-1", StepStatus.Failed);
        Assert.Null(ledger.Judge("p1.b2", hosts: 1, maxFailures: 0, maxFailPercent: null));
        Assert.True(ledger.HasFailed("node-1"));
        Assert.False(ledger.HasFailed("node-2"));
    }

    [Fact]
    public void Only_unreachable_failures_make_the_outcome_unreachable()
    {
        var ledger = new FailureLedger();
        Assert.Equal(RunOutcome.Succeeded, ledger.Outcome);
        ledger.Fail("p1.b1", "node-1", StepStatus.Unreachable);
        Assert.Equal(RunOutcome.Unreachable, ledger.Judge("p1.b1", hosts: 1, maxFailures: 0, maxFailPercent: null));
        Assert.Equal(RunOutcome.Unreachable, ledger.Outcome);
        ledger.Fail("p1.b2", "node-2", StepStatus.TimedOut);
        Assert.Equal(RunOutcome.StepFailed, ledger.Outcome);
    }

    [Fact]
    public void An_unreachable_once_target_counts_against_its_batch_but_stops_no_host()
    {
        var ledger = new FailureLedger();
        ledger.FailTarget("p1.b1", "any(role=etcd)");
        Assert.Equal(RunOutcome.Unreachable, ledger.Judge("p1.b1", hosts: 2, maxFailures: 0, maxFailPercent: null));
        Assert.False(ledger.HasFailed("any(role=etcd)"));
        Assert.Equal(RunOutcome.Succeeded, ledger.Outcome);
    }
}
