using Runbook.Tests.Execution.Fakes;

namespace Runbook.Tests.Execution;

/// <summary>
/// A resumed run asks each host for commands of its earlier attempt still running (the pid files every step's command
/// leaves, CommandMarker) and runs nothing there before they are gone: it waits and says so, or kills them with
/// --kill-stale. The fake host lists a command of the earlier attempt for its first answers.
/// </summary>
public sealed class StaleCommandResumeTests
{
    private const string Runbook = """
        runbook: stale
        phases:
          - name: nodes
            hosts: role=node
            steps:
              - { name: first, run: "echo first" }
              - { name: second, run: "run-second" }
        """;

    private const string List = ": runbook-ste[p] ";
    private const string Stale = "RUNNING 4242 987654 0 3 p1.b1.node-1.s2\n";

    [Fact]
    public async Task Every_step_command_carries_its_run_and_step_and_a_fresh_run_looks_for_nothing()
    {
        using var dir = new CliRun(Runbook, hosts: 1);
        var transport = new FakeTransport();

        Assert.Equal(0, (await dir.RunAsync(transport)).ExitCode);

        var second = Assert.Single(transport.Ran("run-second"));
        Assert.Equal(Path.GetFileName(dir.RunDirectory), second.Command.Marker!.RunId);
        Assert.Equal("p1.b1.node-1.s2", second.Command.Marker.StepId);
        Assert.Empty(transport.Ran(List));
    }

    [Fact]
    public async Task A_resumed_run_waits_for_a_command_of_its_earlier_attempt_before_it_runs_anything_there()
    {
        using var dir = new CliRun(Runbook, hosts: 1);
        var transport = new FakeTransport()
            .On(null, "run-second", attempt => new FakeReply(attempt == 1 ? 1 : 0))
            .On(null, List, attempt => new FakeReply(Stdout: attempt <= 2 ? Stale : string.Empty));
        Assert.Equal(1, (await dir.RunAsync(transport)).ExitCode);
        var events = Path.Combine(dir.Root, "events.ndjson");

        var resumed = await dir.RunAsync(transport, null, "--resume", "last", "--events", events);

        Assert.True(resumed.ExitCode == 0, resumed.Stdout + resumed.Stderr);
        Assert.Contains(
            "[node-1] step p1.b1.node-1.s2 of the run's earlier attempt still runs (pid 4242, for 3s): "
                + "waiting for it to end, for up to 1h27s",
            resumed.Stdout,
            StringComparison.Ordinal
        );
        Assert.Contains("[node-1] step p1.b1.node-1.s2 (pid 4242) ended after ", resumed.Stdout);
        var lastList = transport.Ran(List).Max(e => e.Ended);
        Assert.Equal(3, transport.Ran(List).Count());
        Assert.True(transport.Ran("run-second").Last().Started > lastList, "the step ran before the wait ended");
        Assert.Empty(transport.Ran("pkill"));

        var found = File.ReadAllLines(events).Single(l => l.Contains("\"event\":\"stale-command\""));
        Assert.Contains("\"host\":\"node-1\",\"step\":\"p1.b1.node-1.s2\",\"status\":\"waiting\"", found);
        Assert.Contains("\"pid\":4242", found, StringComparison.Ordinal);
        Assert.Contains(
            "\"record\":\"stale-command\",\"host\":\"node-1\",\"id\":\"p1.b1.node-1.s2\",\"pid\":4242,"
                + "\"action\":\"wait\",\"running_ms\":3000,\"limit_ms\":3627000",
            dir.Journal,
            StringComparison.Ordinal
        );
        Assert.Contains("\"record\":\"stale-command-gone\"", dir.Journal, StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_kill_stale_a_resumed_run_kills_the_command_before_it_runs_anything_there()
    {
        using var dir = new CliRun(Runbook, hosts: 1);
        var transport = new FakeTransport()
            .On(null, "run-second", attempt => new FakeReply(attempt == 1 ? 1 : 0))
            .On(null, List, attempt => new FakeReply(Stdout: attempt == 1 ? Stale : string.Empty));
        Assert.Equal(1, (await dir.RunAsync(transport)).ExitCode);

        var resumed = await dir.RunAsync(transport, null, "--resume", "last", "--kill-stale");

        Assert.True(resumed.ExitCode == 0, resumed.Stdout + resumed.Stderr);
        var term = Assert.Single(transport.Ran("pkill -TERM -s 4242"));
        Assert.Contains("[ \"${20}\" = \"987654\" ]", term.Command.Script, StringComparison.Ordinal);
        Assert.False(term.Command.Become);
        Assert.Empty(transport.Ran("pkill -KILL"));
        Assert.True(transport.Ran("run-second").Last().Started > term.Ended, "the step ran before the kill");
        Assert.Contains("killing it (TERM, then KILL after 10s)", resumed.Stdout, StringComparison.Ordinal);
        Assert.Contains("[node-1] step p1.b1.node-1.s2 (pid 4242) killed, after ", resumed.Stdout);
    }

    [Fact]
    public async Task Kill_stale_without_resume_is_refused()
    {
        using var dir = new CliRun(Runbook, hosts: 1);
        var transport = new FakeTransport();

        var refused = await dir.RunAsync(transport, null, "--kill-stale");

        Assert.Equal(2, refused.ExitCode);
        Assert.Equal(
            "error: --kill-stale kills what an earlier attempt of a run left running: give the run with --resume\n",
            refused.Stderr
        );
        Assert.Empty(transport.Executions);
    }
}
