using Runbook.Execution;
using Runbook.Tests.Execution.Fakes;

namespace Runbook.Tests.Execution;

public class FailurePolicyTests
{
    private static string Rollout(int maxFailures) =>
        $$"""
            runbook: rollout
            phases:
              - name: upgrade
                hosts: role=node
                serial: 2
                max_failures: {{maxFailures}}
                steps:
                  - { name: Upgrade, run: do-upgrade }
                  - { name: Restart, run: do-restart }
              - name: after
                hosts: role=node
                steps:
                  - { name: Announce, run: do-announce }
            """;

    [Fact]
    public async Task A_failed_step_stops_that_host_and_past_max_failures_no_further_batch_or_phase_starts()
    {
        var transport = new FakeTransport().On("node-1", "do-upgrade", new FakeReply(1, Stderr: "disk full"));
        var run = await ExecutorHarness.RunAsync(Rollout(0), ExecutorHarness.Hosts(4), transport);

        Assert.Equal(RunOutcome.StepFailed, run.Outcome);
        Assert.Equal(StepStatus.Failed, run.StatusOf("node-1", "Upgrade"));
        Assert.DoesNotContain(transport.Executions, e => e.Host == "node-1" && e.Command.Script == "do-restart");
        Assert.Equal(StepStatus.Ok, run.StatusOf("node-2", "Restart"));
        Assert.DoesNotContain(transport.Executions, e => e.Host is "node-3" or "node-4");
        Assert.Empty(transport.Ran("do-announce"));
        Assert.DoesNotContain(run.Events, e => e is PhaseStarted { Phase: 2 });
    }

    [Fact]
    public async Task Failures_within_max_failures_let_the_rollout_continue_and_the_failed_host_runs_nothing_more()
    {
        var transport = new FakeTransport().On("node-1", "do-upgrade", new FakeReply(1));
        var run = await ExecutorHarness.RunAsync(Rollout(1), ExecutorHarness.Hosts(4), transport);

        Assert.Equal(RunOutcome.StepFailed, run.Outcome);
        Assert.Equal(StepStatus.Ok, run.StatusOf("node-4", "Restart"));
        Assert.Equal(["node-2", "node-3", "node-4"], transport.Ran("do-announce").Select(e => e.Host).Order());
    }

    [Fact]
    public async Task An_unreachable_host_counts_as_failed_and_the_outcome_is_unreachable()
    {
        var transport = new FakeTransport();
        transport.Unreachable.Add("node-2");
        var run = await ExecutorHarness.RunAsync(Rollout(0), ExecutorHarness.Hosts(4), transport);

        Assert.Equal(RunOutcome.Unreachable, run.Outcome);
        Assert.Equal(StepStatus.Unreachable, run.StatusOf("node-2", "Upgrade"));
        Assert.Equal(StepStatus.Ok, run.StatusOf("node-1", "Restart"));
        Assert.DoesNotContain(transport.Executions, e => e.Host is "node-3" or "node-4");
    }

    [Fact]
    public async Task Max_fail_percent_is_a_share_of_the_batch()
    {
        const string yaml = """
            runbook: percent
            phases:
              - name: all
                hosts: role=node
                max_fail_percent: 50
                steps:
                  - { name: Work, run: do-work }
              - name: after
                hosts: role=node
                steps:
                  - { name: Next, run: do-next }
            """;
        var transport = new FakeTransport()
            .On("node-1", "do-work", new FakeReply(2))
            .On("node-2", "do-work", new FakeReply(2));
        var run = await ExecutorHarness.RunAsync(yaml, ExecutorHarness.Hosts(4), transport);

        Assert.Equal(2, transport.Ran("do-next").Count());
        Assert.Equal(RunOutcome.StepFailed, run.Outcome);

        transport.On("node-3", "do-work", new FakeReply(2));
        var tooMany = await ExecutorHarness.RunAsync(yaml, ExecutorHarness.Hosts(4), transport);
        Assert.Equal(2, transport.Ran("do-next").Count());
        Assert.Equal(RunOutcome.StepFailed, tooMany.Outcome);
    }

    [Fact]
    public async Task A_transport_fault_during_a_command_fails_that_host_and_the_run_ends_cleanly()
    {
        var transport = new FakeTransport().On(
            "node-2",
            "do-upgrade",
            new FakeReply(Throws: new IOException("connection reset"))
        );
        var run = await ExecutorHarness.RunAsync(Rollout(0), ExecutorHarness.Hosts(2), transport);

        Assert.Equal(RunOutcome.StepFailed, run.Outcome);
        var failed = run.Recorder.Finished("node-2").Single();
        Assert.Equal(StepStatus.Failed, failed.Status);
        Assert.Contains("connection reset", failed.Why, StringComparison.Ordinal);
        Assert.IsType<RunFinished>(run.Events[^1]);
    }
}
