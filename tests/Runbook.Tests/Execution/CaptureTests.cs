using Runbook.Execution;
using Runbook.Tests.Execution.Fakes;

namespace Runbook.Tests.Execution;

public class CaptureTests
{
    private const string NameThenUse = """
        runbook: capture
        phases:
          - name: first
            hosts: role=node
            steps:
              - { name: Name, run: read-name, capture: node_name }
          - name: second
            hosts: role=node
            steps:
              - { name: Use, run: "use {{ captures.node_name }} on {{ host.name }}" }
        """;

    [Fact]
    public async Task A_later_step_on_the_same_host_receives_the_trimmed_captured_stdout_shell_quoted()
    {
        var transport = new FakeTransport()
            .On("node-1", "read-name", new FakeReply(Stdout: "  name of one\n"))
            .On("node-2", "read-name", new FakeReply(Stdout: "two\n"));

        var run = await ExecutorHarness.RunAsync(NameThenUse, ExecutorHarness.Hosts(2), transport);

        Assert.Equal(RunOutcome.Succeeded, run.Outcome);
        Assert.Equal(
            "use 'name of one' on node-1",
            Assert.Single(transport.Ran("use "), e => e.Host == "node-1").Command.Script
        );
        Assert.Equal("use two on node-2", Assert.Single(transport.Ran("use "), e => e.Host == "node-2").Command.Script);
    }

    [Fact]
    public async Task A_condition_that_reads_a_capture_is_decided_on_each_host_at_run_time()
    {
        const string yaml = """
            runbook: capture-when
            phases:
              - name: all
                hosts: role=node
                steps:
                  - { name: Version, verify: { run: version, expect: { exit: 0 }, within: 1s }, capture: version }
                  - { name: Upgrade, run: upgrade, when: 'captures.version != "2"' }
            """;
        var transport = new FakeTransport()
            .On("node-1", "version", new FakeReply(Stdout: "1\n"))
            .On("node-2", "version", new FakeReply(Stdout: "2\n"));

        var run = await ExecutorHarness.RunAsync(yaml, ExecutorHarness.Hosts(2), transport);

        Assert.Equal(RunOutcome.Succeeded, run.Outcome);
        Assert.Equal("node-1", Assert.Single(transport.Ran("upgrade")).Host);
        Assert.Equal(StepStatus.Skipped, run.StatusOf("node-2", "Upgrade"));
    }

    [Fact]
    public async Task A_step_whose_capture_was_never_stored_fails_on_that_host_with_a_clear_message()
    {
        const string yaml = """
            runbook: capture-skipped
            phases:
              - name: all
                hosts: role=node
                steps:
                  - { name: Name, run: read-name, capture: node_name, when: 'host.name == "node-1"' }
                  - { name: Use, run: "use {{ captures.node_name }}" }
            """;
        var transport = new FakeTransport().On(null, "read-name", new FakeReply(Stdout: "n\n"));

        var run = await ExecutorHarness.RunAsync(yaml, ExecutorHarness.Hosts(2), transport);

        Assert.Equal(RunOutcome.StepFailed, run.Outcome);
        Assert.Equal("node-1", Assert.Single(transport.Ran("use ")).Host);
        var failed = run.Recorder.Finished("node-2").Single(e => e.Name == "Use");
        Assert.Equal(StepStatus.Failed, failed.Status);
        Assert.Equal("cannot render at run time: 'captures.node_name' is not defined for host 'node-2'", failed.Why);
    }

    [Fact]
    public async Task A_captured_secret_is_used_raw_but_masked_in_events_and_not_recorded()
    {
        const string yaml = """
            runbook: capture-secret
            params:
              token: { type: string, default: hunter2, secret: true }
            phases:
              - name: all
                hosts: role=node
                steps:
                  - { name: Token, run: read-token, capture: token }
                  - { name: Use, run: "use {{ captures.token }}" }
            """;
        var transport = new FakeTransport().On(null, "read-token", new FakeReply(Stdout: "hunter2\n"));

        var run = await ExecutorHarness.RunAsync(yaml, ExecutorHarness.Hosts(1), transport);

        Assert.Equal(RunOutcome.Succeeded, run.Outcome);
        Assert.Equal("use hunter2", Assert.Single(transport.Ran("use ")).Command.Script);
        Assert.DoesNotContain(run.Events, e => EventJson.Serialize(e).Contains("hunter2", StringComparison.Ordinal));
        var finished = run.Recorder.Finished("node-1").Single(e => e.Name == "Token");
        Assert.Equal(("token", (string?)null), (finished.Capture, finished.Captured));
    }
}
