using Runbook.Execution;
using Runbook.Tests.Execution.Fakes;

namespace Runbook.Tests.Execution;

public class StepKindTests
{
    [Fact]
    public async Task A_verify_step_retries_every_interval_until_the_expectation_holds()
    {
        const string yaml = """
            runbook: verify
            phases:
              - name: all
                hosts: role=node
                steps:
                  - name: Active
                    verify: { run: is-active, expect: { stdout: active }, every: 1ms, within: 10s }
            """;
        var transport = new FakeTransport().On(
            null,
            "is-active",
            attempt => new FakeReply(0, attempt < 4 ? "activating\n" : "  active\n")
        );
        var run = await ExecutorHarness.RunAsync(yaml, ExecutorHarness.Hosts(1), transport);

        Assert.Equal(RunOutcome.Succeeded, run.Outcome);
        Assert.Equal(4, transport.Ran("is-active").Count());
        var finished = Assert.Single(run.Recorder.Finished("node-1"));
        Assert.Equal((StepStatus.Ok, 4), (finished.Status, finished.Attempts!.Value));
    }

    [Fact]
    public async Task A_verify_step_fails_when_within_runs_out()
    {
        const string yaml = """
            runbook: verify
            phases:
              - name: all
                hosts: role=node
                steps:
                  - name: Active
                    verify: { run: is-active, expect: { stdout: { contains: active } }, every: 10ms, within: 50ms }
            """;
        var transport = new FakeTransport { Latency = TimeSpan.FromMilliseconds(1) }.On(
            null,
            "is-active",
            new FakeReply(0, "failed")
        );
        var run = await ExecutorHarness.RunAsync(yaml, ExecutorHarness.Hosts(1), transport);

        Assert.Equal(RunOutcome.StepFailed, run.Outcome);
        Assert.Equal(StepStatus.TimedOut, run.StatusOf("node-1", "Active"));
        Assert.InRange(transport.Ran("is-active").Count(), 1, 6); // at most one attempt per `every` within `within`, plus the first
    }

    [Fact]
    public async Task Steps_whose_when_is_false_are_recorded_as_skipped_and_not_run()
    {
        const string yaml = """
            runbook: conditional
            phases:
              - name: all
                hosts: role=node
                steps:
                  - { name: Drain, run: do-drain, when: "host.name == 'node-1'" }
                  - { name: Pause, wait: 1ms }
            """;
        var transport = new FakeTransport();
        var run = await ExecutorHarness.RunAsync(yaml, ExecutorHarness.Hosts(2), transport);

        Assert.Equal(RunOutcome.Succeeded, run.Outcome);
        Assert.Equal(StepStatus.Skipped, run.StatusOf("node-2", "Drain"));
        Assert.Equal(StepStatus.Ok, run.StatusOf("node-2", "Pause"));
        Assert.Equal(["node-1"], transport.Ran("do-drain").Select(e => e.Host));
    }

    [Fact]
    public async Task A_once_step_runs_on_the_first_reachable_candidate_after_every_host_finished_the_steps_before()
    {
        const string yaml = """
            runbook: once
            phases:
              - name: workers
                hosts: role=worker
                steps:
                  - { name: Cordon, run: do-cordon }
                  - { name: Snapshot, run: take-snapshot, on: "any(role=etcd)" }
            """;
        var inventory = Support.TestInputs.SplitRoles();
        var transport = new FakeTransport();
        transport.Unreachable.Add("etcd-1");
        var run = await ExecutorHarness.RunAsync(yaml, inventory, transport);

        Assert.Equal(RunOutcome.Succeeded, run.Outcome);
        var snapshot = Assert.Single(transport.Ran("take-snapshot"));
        Assert.Equal("etcd-2", snapshot.Host);
        Assert.True(snapshot.Started > transport.Ran("do-cordon").Max(e => e.Ended));
    }
}
