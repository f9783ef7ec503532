using Runbook.Execution;
using Runbook.Tests.Execution.Fakes;

namespace Runbook.Tests.Execution;

public class SchedulingTests
{
    private const string TwoBatchesWithGate = """
        runbook: gated
        phases:
          - name: nodes
            hosts: role=node
            serial: 2
            steps:
              - name: Restart
                run: restart-service
              - name: Report
                run: report-done
            gates:
              - name: healthy
                on: any(role=node)
                verify: { run: cluster-health, every: 1ms, within: 5s }
        """;

    [Fact]
    public async Task The_next_batch_starts_only_after_the_previous_batch_gates_passed()
    {
        var transport = new FakeTransport().On(
            null,
            "cluster-health",
            attempt => new FakeReply(attempt % 3 == 0 ? 0 : 1)
        );
        var run = await ExecutorHarness.RunAsync(TwoBatchesWithGate, ExecutorHarness.Hosts(4), transport);

        Assert.Equal(RunOutcome.Succeeded, run.Outcome);
        var gateChecks = transport.Ran("cluster-health").OrderBy(e => e.Started).ToList();
        var firstGatePassed = gateChecks[2]; // attempts 1 and 2 fail, 3 passes
        var secondBatchStarted = transport
            .Ran("restart-service")
            .Where(e => e.Host is "node-3" or "node-4")
            .Min(e => e.Started);
        Assert.True(secondBatchStarted > firstGatePassed.Ended, "batch 2 started before batch 1's gate passed");
        Assert.Equal(6, gateChecks.Count);
        Assert.Equal(3, run.Events.OfType<GateAttempt>().Count(e => e.Batch == "p1.b1"));
        Assert.All(
            transport.Ran("report-done").Where(e => e.Host is "node-1" or "node-2"),
            e => Assert.True(e.Ended < secondBatchStarted)
        );
    }

    [Fact]
    public async Task Hosts_of_a_batch_run_concurrently_but_never_more_than_forks_at_once()
    {
        const string yaml = """
            runbook: wide
            phases:
              - name: all
                hosts: role=node
                steps:
                  - { name: Work, run: do-work }
            """;
        var transport = new FakeTransport { Latency = TimeSpan.FromMilliseconds(50) };
        var run = await ExecutorHarness.RunAsync(yaml, ExecutorHarness.Hosts(12), transport, forks: 3);

        Assert.Equal(RunOutcome.Succeeded, run.Outcome);
        Assert.Equal(12, transport.Ran("do-work").Count());
        Assert.Equal(3, transport.MaxConcurrent);
    }

    [Fact]
    public async Task Each_host_runs_its_steps_in_order_over_one_connection_that_is_reused_across_phases()
    {
        var transport = new FakeTransport();
        var run = await ExecutorHarness.RunAsync(ExecutorHarness.TwoPhases, ExecutorHarness.Hosts(3), transport);

        Assert.Equal(RunOutcome.Succeeded, run.Outcome);
        foreach (var host in new[] { "node-1", "node-2", "node-3" })
        {
            var mine = transport
                .Executions.Where(e => e.Host == host)
                .OrderBy(e => e.Started)
                .Select(e => e.Command.Script);
            Assert.Equal(["step-one", "step-two", "step-three"], mine);
            Assert.Equal(1, transport.Connects[host]);
        }

        Assert.All(transport.Connections, c => Assert.True(c.Disposed, $"the connection to {c.Host} was left open"));

        var lastOfFirstPhase = transport.Ran("step-two").Max(e => e.Ended);
        Assert.All(transport.Ran("step-three"), e => Assert.True(e.Started > lastOfFirstPhase));
    }
}
