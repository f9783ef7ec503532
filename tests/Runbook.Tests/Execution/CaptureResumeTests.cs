using Runbook.Tests.Execution.Fakes;

namespace Runbook.Tests.Execution;

public class CaptureResumeTests
{
    private const string CaptureThenUse = """
        runbook: capture-resume
        params:
          token: { type: string, default: hunter2, secret: true }
        phases:
          - name: nodes
            hosts: role=node
            steps:
              - { name: Name, run: read-name, capture: node_name }
              - { name: Use, run: "use {{ captures.node_name }}" }
        """;

    [Fact]
    public async Task A_resumed_run_restores_from_the_journal_what_completed_steps_captured()
    {
        using var dir = new CliRun(CaptureThenUse, hosts: 1);
        var transport = new FakeTransport()
            .On(null, "read-name", new FakeReply(Stdout: "node one\n"))
            .On(null, "use ", attempt => new FakeReply(attempt == 1 ? 1 : 0));
        Assert.Equal(1, (await dir.RunAsync(transport)).ExitCode);
        Assert.Contains("\"capture\":\"node_name\",\"captured\":\"node one\"", dir.Journal, StringComparison.Ordinal);

        var resumed = await dir.RunAsync(transport, null, "--resume", "last");

        Assert.Equal(0, resumed.ExitCode);
        Assert.Single(transport.Ran("read-name"));
        Assert.Equal(["use 'node one'", "use 'node one'"], transport.Ran("use ").Select(e => e.Command.Script));
    }

    [Fact]
    public async Task A_captured_secret_is_not_journaled_and_a_resumed_step_that_needs_it_fails_saying_why()
    {
        using var dir = new CliRun(CaptureThenUse, hosts: 1);
        var transport = new FakeTransport()
            .On(null, "read-name", new FakeReply(Stdout: "hunter2\n"))
            .On(null, "use ", new FakeReply(1));
        Assert.Equal(1, (await dir.RunAsync(transport)).ExitCode);
        Assert.DoesNotContain("hunter2", dir.Journal, StringComparison.Ordinal);
        Assert.Contains("\"capture\":\"node_name\",\"exit_code\"", dir.Journal, StringComparison.Ordinal);

        var resumed = await dir.RunAsync(transport, null, "--resume", "last");

        Assert.Equal(1, resumed.ExitCode);
        Assert.Single(transport.Ran("use "));
        Assert.Contains(
            "captures.node_name held a secret, so the journal did not record it and the resumed run cannot restore "
                + "it; start a new run",
            dir.Journal,
            StringComparison.Ordinal
        );
    }
}
