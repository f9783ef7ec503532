using Runbook.Execution;
using Runbook.Tests.Execution.Fakes;

namespace Runbook.Tests.Execution;

public class GateTests
{
    private static string Gated(string on, string within = "5s") =>
        $$"""
            runbook: gated
            phases:
              - name: nodes
                hosts: role=node
                serial: 1
                steps:
                  - { name: Work, run: do-work }
                gates:
                  - name: healthy
                    on: "{{on}}"
                    verify: { run: health, expect: { stdout: { regex: "^ok$" } }, every: 1ms, within: {{within}} }
            """;

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_gate_runs_its_check_with_sudo_exactly_when_it_says_become(bool become)
    {
        var runbook = Gated("any(role=node)")
            .Replace(
                "        verify: { run: health,",
                $"        become: {(become ? "true" : "false")}\n        verify: {{ run: health,",
                StringComparison.Ordinal
            );
        Assert.Contains("become: ", runbook, StringComparison.Ordinal);
        var transport = new FakeTransport { Latency = TimeSpan.FromMilliseconds(1) }.On(
            null,
            "health",
            new FakeReply(0, "ok")
        );

        var run = await ExecutorHarness.RunAsync(runbook, ExecutorHarness.Hosts(2), transport);

        Assert.Equal(RunOutcome.Succeeded, run.Outcome);
        var checks = transport.Executions.Where(e => e.Command.Script == "health").ToList();
        Assert.Equal(2, checks.Count);
        Assert.All(checks, e => Assert.Equal(become, e.Command.Become));
        Assert.All(transport.Executions.Where(e => e.Command.Script == "do-work"), e => Assert.False(e.Command.Become));
    }

    [Fact]
    public async Task A_gate_is_retried_until_it_passes()
    {
        var transport = new FakeTransport { Latency = TimeSpan.FromMilliseconds(1) }.On(
            null,
            "health",
            attempt => new FakeReply(0, attempt >= 3 ? "ok" : "degraded")
        );
        var run = await ExecutorHarness.RunAsync(Gated("any(role=node)"), ExecutorHarness.Hosts(2), transport);

        Assert.Equal(RunOutcome.Succeeded, run.Outcome);
        var gates = run.Events.OfType<GateFinished>().ToList();
        Assert.Equal(2, gates.Count);
        Assert.All(gates, g => Assert.Equal(StepStatus.Ok, g.Status));
    }

    [Fact]
    public async Task A_gate_that_does_not_pass_in_time_stops_the_rollout_with_gate_failed()
    {
        var transport = new FakeTransport { Latency = TimeSpan.FromMilliseconds(1) }.On(
            null,
            "health",
            new FakeReply(0, "degraded")
        );
        var run = await ExecutorHarness.RunAsync(
            Gated("any(role=node)", within: "30ms"),
            ExecutorHarness.Hosts(2),
            transport
        );

        Assert.Equal(RunOutcome.GateFailed, run.Outcome);
        Assert.Equal(StepStatus.TimedOut, run.Events.OfType<GateFinished>().Single().Status);
        Assert.DoesNotContain(transport.Executions, e => e.Host == "node-2" && e.Command.Script == "do-work");
    }

    [Fact]
    public async Task An_all_gate_must_pass_on_every_candidate_and_an_any_gate_skips_unreachable_candidates()
    {
        var transport = new FakeTransport { Latency = TimeSpan.FromMilliseconds(1) }
            .On(null, "health", new FakeReply(0, "ok"))
            .On("node-2", "health", new FakeReply(0, "degraded"));
        var all = await ExecutorHarness.RunAsync(
            Gated("all(role=node)", within: "30ms"),
            ExecutorHarness.Hosts(2),
            transport
        );
        Assert.Equal(RunOutcome.GateFailed, all.Outcome);

        var anyTransport = new FakeTransport { Latency = TimeSpan.FromMilliseconds(1) }.On(
            null,
            "health",
            new FakeReply(0, "ok")
        );
        anyTransport.Unreachable.Add("probe-1");
        var inventory = Support.TestInputs.Inventory(("node-1", "node"), ("probe-1", "probe"), ("probe-2", "probe"));
        var any = await ExecutorHarness.RunAsync(Gated("any(role=probe)"), inventory, anyTransport);
        Assert.Equal(RunOutcome.Succeeded, any.Outcome);
        Assert.Contains(any.Events, e => e is GateAttempt { Host: "probe-1", Status: StepStatus.Unreachable });
        Assert.Contains(any.Events, e => e is GateAttempt { Host: "probe-2", Status: StepStatus.Ok });
    }

    [Fact]
    public async Task A_gate_that_gives_up_has_had_all_of_its_within()
    {
        // every 200ms within 300ms: attempts at 0 and 200ms; the next one, due at 400ms, runs at the deadline instead
        // of the gate giving up at 200ms (it once reported "timed-out (5.2s) within 10s"). Each attempt's command is
        // given the time left as its timeout, at least a second: the host's `timeout` counts whole seconds.
        var transport = new FakeTransport { Latency = TimeSpan.FromMilliseconds(1) }.On(
            null,
            "health",
            new FakeReply(0, "degraded")
        );
        var runbook = Gated("any(role=node)", within: "300ms")
            .Replace("every: 1ms", "every: 200ms", StringComparison.Ordinal);

        var run = await ExecutorHarness.RunAsync(runbook, ExecutorHarness.Hosts(1), transport);

        var gate = run.Events.OfType<GateFinished>().Single();
        Assert.Equal(StepStatus.TimedOut, gate.Status);
        Assert.True(gate.Duration >= TimeSpan.FromMilliseconds(300), $"gave up after {gate.Duration}");
        var checks = transport.Executions.Where(e => e.Command.Script == "health").ToList();
        Assert.Equal(3, checks.Count);
        Assert.All(checks, c => Assert.Equal(TimeSpan.FromSeconds(1), c.Command.Timeout));
    }
}
