using Runbook.Execution;
using Runbook.Tests.Execution.Fakes;
using Runbook.Transport;

namespace Runbook.Tests.Execution;

/// <summary>'retries' on a run step: attempts are events, the last one counts, resume starts them again.</summary>
public class RetryTests
{
    private const string Flaky = """
        runbook: flaky
        phases:
          - name: nodes
            hosts: role=node
            steps:
              - name: Restart
                run: restart-service
                retries: { count: 3, delay: 1ms }
                capture: pid
              - { name: After, run: "after {{ captures.pid }}" }
        """;

    [Fact]
    public async Task A_step_that_fails_twice_then_succeeds_passes_with_every_attempt_an_event()
    {
        var transport = new FakeTransport().On(
            "node-1",
            "restart-service",
            n => n < 3 ? new FakeReply(Exit: 7, Stdout: $"try {n}\n") : new FakeReply(Stdout: "4242\n")
        );

        var run = await ExecutorHarness.RunAsync(Flaky, ExecutorHarness.Hosts(1), transport);

        Assert.Equal(RunOutcome.Succeeded, run.Outcome);
        Assert.Equal(3, transport.Ran("restart-service").Count());
        var attempts = run.Events.OfType<StepAttempt>().ToList();
        Assert.Equal([1, 2, 3], attempts.Select(a => a.Attempt));
        Assert.Equal([StepStatus.Failed, StepStatus.Failed, StepStatus.Ok], attempts.Select(a => a.Status));
        Assert.Equal([7, 7, 0], attempts.Select(a => a.ExitCode ?? -1));
        Assert.Equal(["attempt 2 of 4 in 1ms", "attempt 3 of 4 in 1ms", null], attempts.Select(a => a.Text));
        var finished = run.Recorder.Finished("node-1").Single(e => e.Name == "Restart");
        Assert.Equal((StepStatus.Ok, 3), (finished.Status, finished.Attempts));
        // Output lines say which attempt printed them; the capture is the successful attempt's output.
        Assert.Equal(
            [(1, "try 1"), (2, "try 2"), (3, "4242")],
            run.Events.OfType<StepOutput>()
                .Where(o => o.Step.EndsWith(".s1", StringComparison.Ordinal))
                .Select(o => (o.Attempt ?? 0, o.Text))
        );
        Assert.Equal("after 4242", Assert.Single(transport.Ran("after ")).Command.Script);
        Assert.Single(run.Events.OfType<StepStarted>(), s => s.Name == "Restart");
    }

    [Fact]
    public async Task A_step_failing_every_attempt_fails_with_the_last_attempts_result()
    {
        var transport = new FakeTransport().On(null, "restart-service", n => new FakeReply(Exit: n));

        var run = await ExecutorHarness.RunAsync(Flaky, ExecutorHarness.Hosts(2), transport);

        Assert.Equal(RunOutcome.StepFailed, run.Outcome);
        Assert.Equal(8, transport.Ran("restart-service").Count());
        Assert.Empty(transport.Ran("after "));
        foreach (var host in new[] { "node-1", "node-2" })
        {
            var finished = run.Recorder.Finished(host).Single(e => e.Name == "Restart");
            Assert.Equal((StepStatus.Failed, 4, 4), (finished.Status, finished.ExitCode, finished.Attempts));
            var last = run.Events.OfType<StepAttempt>().Last(a => a.Host == host);
            Assert.Equal((4, (string?)null), (last.Attempt, last.Text));
        }
    }

    [Fact]
    public async Task A_timed_out_attempt_is_retried_but_an_unreachable_host_is_not()
    {
        var transport = new FakeTransport()
            .On("node-1", "restart-service", n => n == 1 ? new FakeReply(Exit: 124, TimedOut: true) : FakeReply.Ok)
            .On("node-2", "restart-service", new FakeReply(Throws: new HostUnreachableException("node-2", "gone")));

        var run = await ExecutorHarness.RunAsync(Flaky, ExecutorHarness.Hosts(2), transport);

        Assert.Equal(StepStatus.Ok, run.StatusOf("node-1", "Restart"));
        Assert.Equal(StepStatus.TimedOut, run.Events.OfType<StepAttempt>().First(a => a.Host == "node-1").Status);
        Assert.Equal(StepStatus.Unreachable, run.StatusOf("node-2", "Restart"));
        var only = Assert.Single(run.Events.OfType<StepAttempt>(), a => a.Host == "node-2");
        Assert.Equal((1, StepStatus.Unreachable), (only.Attempt, only.Status));
    }

    [Fact]
    public async Task A_step_without_retries_sends_no_attempt_events_and_no_attempt_on_its_output()
    {
        const string yaml = """
            runbook: plain
            phases:
              - name: nodes
                hosts: role=node
                steps:
                  - { name: Once, run: once }
            """;
        var transport = new FakeTransport().On(null, "once", new FakeReply(Exit: 1, Stdout: "no\n"));

        var run = await ExecutorHarness.RunAsync(yaml, ExecutorHarness.Hosts(1), transport);

        Assert.Empty(run.Events.OfType<StepAttempt>());
        Assert.Null(Assert.Single(run.Events.OfType<StepOutput>()).Attempt);
        Assert.Null(run.Recorder.Finished("node-1").Single().Attempts);
    }

    [Fact]
    public async Task A_resumed_step_starts_its_attempts_again_and_the_journal_records_each_attempt()
    {
        const string yaml = """
            runbook: flaky
            phases:
              - name: nodes
                hosts: role=node
                steps:
                  - { name: Restart, run: restart-service, retries: { count: 1, delay: 1ms } }
            """;
        using var dir = new CliRun(yaml, hosts: 1);
        // Fails the first run's two attempts; the resumed run's first attempt fails too, its second passes.
        var transport = new FakeTransport().On(null, "restart-service", n => new FakeReply(Exit: n < 4 ? 1 : 0));
        Assert.Equal(1, (await dir.RunAsync(transport)).ExitCode);
        Assert.Contains(
            """{"record":"step-attempt","id":"p1.b1.node-1.s1","host":"node-1","attempt":2,"status":"failed",""",
            dir.Journal,
            StringComparison.Ordinal
        );

        var resumed = await dir.RunAsync(transport, null, "--resume", "last");

        Assert.Equal(0, resumed.ExitCode);
        Assert.Equal(4, transport.Ran("restart-service").Count());
        var second = dir.Journal[dir.Journal.LastIndexOf("\"record\":\"run-started\"", StringComparison.Ordinal)..];
        Assert.Contains("\"attempt\":1,\"status\":\"failed\"", second, StringComparison.Ordinal);
        Assert.Contains("\"attempt\":2,\"status\":\"ok\"", second, StringComparison.Ordinal);
    }
}
