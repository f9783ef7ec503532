using Runbook.Execution;
using Runbook.Tests.Execution.Fakes;

namespace Runbook.Tests.Execution;

/// <summary>
/// Preconditions with the in-process transport: checked before every batch, and nothing runs past one that fails.
/// </summary>
public class PreconditionTests
{
    private const string Runbook = """
        runbook: guarded
        phases:
          - name: nodes
            hosts: role=node
            serial: 1
            preconditions:
              - name: cluster healthy
                on: all(role=node)
                verify: { run: cluster-health, expect: { stdout: ok }, every: 1ms, within: 30ms }
            steps:
              - { name: Work, run: do-work }
            finally:
              - { name: Tidy, run: tidy-up }
            gates:
              - name: healthy
                verify: { run: gate-check, every: 1ms, within: 1s }
        """;

    [Fact]
    public async Task Preconditions_are_checked_before_every_batch_the_first_included()
    {
        var transport = new FakeTransport().On(null, "cluster-health", new FakeReply(0, "ok"));

        var run = await ExecutorHarness.RunAsync(Runbook, ExecutorHarness.Hosts(3), transport);

        Assert.Equal(RunOutcome.Succeeded, run.Outcome);
        // 3 batches, each checking all 3 hosts before its step.
        Assert.Equal(9, transport.Ran("cluster-health").Count());
        var first = transport.Executions.First();
        Assert.Equal("cluster-health", first.Command.Script);
        var preconditions = run.Events.OfType<GateFinished>().Where(g => g.Precondition).ToList();
        Assert.Equal(["p1.b1.pre1", "p1.b2.pre1", "p1.b3.pre1"], preconditions.Select(g => g.Gate));
        Assert.Equal(3, run.Events.OfType<GateFinished>().Count(g => !g.Precondition));
    }

    [Fact]
    public async Task A_precondition_that_does_not_pass_in_time_runs_nothing_of_the_batch_and_stops_with_gate_failed()
    {
        var transport = new FakeTransport()
            .On(null, "cluster-health", new FakeReply(0, "ok"))
            .On("node-3", "cluster-health", attempt => new FakeReply(0, attempt <= 2 ? "ok" : "degraded"));

        var run = await ExecutorHarness.RunAsync(Runbook, ExecutorHarness.Hosts(3), transport);

        Assert.Equal(RunOutcome.GateFailed, run.Outcome);
        // Batch 1 passed (node-3's first check), batch 2 passed (its second), batch 3 never started a step.
        Assert.Equal(["node-1", "node-2"], transport.Ran("do-work").Select(e => e.Host));
        Assert.Equal(["node-1", "node-2"], transport.Ran("tidy-up").Select(e => e.Host));
        var failed = run.Events.OfType<GateFinished>().Last();
        Assert.True(failed.Precondition);
        Assert.Equal("p1.b3.pre1", failed.Gate);
        Assert.Equal(StepStatus.TimedOut, failed.Status);
    }
}
