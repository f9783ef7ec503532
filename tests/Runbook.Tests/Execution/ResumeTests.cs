using Runbook.Execution;
using Runbook.Tests.Execution.Fakes;

namespace Runbook.Tests.Execution;

public class ResumeTests
{
    private const string ThreeSteps = """
        runbook: resumable
        phases:
          - name: nodes
            hosts: role=node
            serial: 1
            steps:
              - { name: One, run: step-one }
              - { name: Two, run: step-two }
              - { name: Three, run: step-three }
            gates:
              - name: healthy
                on: any(role=node)
                verify: { run: health-check, every: 1ms, within: 5s }
        """;

    [Fact]
    public async Task A_run_aborted_mid_step_resumes_after_the_last_completed_step_of_each_host()
    {
        using var dir = new CliRun(ThreeSteps, hosts: 3);
        using var interrupts = new RunControl();
        var transport = new FakeTransport();
        transport.OnStart = (host, script) =>
        {
            if (host == "node-2" && script == "step-two")
                while (interrupts.Interrupt() < 2) { }
        };
        var crashed = await dir.RunAsync(transport, interrupts);
        Assert.Equal(130, crashed.ExitCode);
        Assert.Matches(@"node-2 +ok 1 +failed 0 +skipped 0 +unreachable 0 +interrupted 1 ", crashed.Stdout);
        // A torn write, as after SIGKILL.
        File.AppendAllText(Path.Combine(dir.RunDirectory, "journal.ndjson"), "{\"record\":\"step-done\",\"id\":\"p1.b");

        transport.OnStart = null;
        var resumed = await dir.RunAsync(transport, null, "--resume", "last");

        Assert.Equal(0, resumed.ExitCode);
        var completed = transport.Executions.Where(e => !e.Cancelled).GroupBy(e => (e.Host, e.Command.Script)).ToList();
        Assert.All(
            completed.Where(g => g.Key.Script.StartsWith("step-", StringComparison.Ordinal)),
            g => Assert.Single(g)
        );
        Assert.Equal(9, completed.Count(g => g.Key.Script.StartsWith("step-", StringComparison.Ordinal)));
        Assert.Single(transport.Executions, e => e.Cancelled);
        Assert.Equal(3, transport.Ran("health-check").Count());
    }

    [Fact]
    public async Task A_completed_run_resumed_runs_nothing_again()
    {
        using var dir = new CliRun(ThreeSteps, hosts: 2);
        var transport = new FakeTransport();
        Assert.Equal(0, (await dir.RunAsync(transport)).ExitCode);
        var before = transport.Executions.Count;

        var again = await dir.RunAsync(transport, null, "--resume", Path.GetFileName(dir.RunDirectory));

        Assert.Equal(0, again.ExitCode);
        // Besides its one look per host for commands of the earlier attempt still running (StaleCommands).
        Assert.Equal(before, transport.Executions.Count(e => !e.Command.Script.Contains(": runbook-ste[p] ")));
    }

    [Fact]
    public async Task Resume_refuses_a_changed_runbook_unless_forced()
    {
        using var dir = new CliRun(ThreeSteps, hosts: 2);
        var transport = new FakeTransport().On("node-1", "step-two", new FakeReply(1));
        Assert.Equal(1, (await dir.RunAsync(transport)).ExitCode);
        File.AppendAllText(dir.RunbookPath, "# edited\n");

        var refused = await dir.RunAsync(transport, null, "--resume", "last");
        Assert.Equal(2, refused.ExitCode);
        Assert.Contains("different runbook", refused.Stderr, StringComparison.Ordinal);
        Assert.Single(transport.Ran("step-two"));

        transport.On("node-1", "step-two", FakeReply.Ok);
        var forced = await dir.RunAsync(transport, null, "--resume", "last", "--force");
        Assert.Equal(0, forced.ExitCode);
        Assert.Single(transport.Ran("step-one"), e => e.Host == "node-1");
        Assert.Equal(2, transport.Ran("step-two").Count(e => e.Host == "node-1"));
    }

    [Fact]
    public async Task The_first_interrupt_lets_running_steps_finish_and_starts_nothing_new()
    {
        using var dir = new CliRun(ThreeSteps.Replace("serial: 1", "serial: 2", StringComparison.Ordinal), hosts: 4);
        using var interrupts = new RunControl();
        var transport = new FakeTransport { Latency = TimeSpan.FromMilliseconds(20) };
        transport.OnStart = (host, script) =>
        {
            if (host == "node-1" && script == "step-one")
                interrupts.Interrupt();
        };
        var result = await dir.RunAsync(transport, interrupts);

        Assert.Equal(130, result.ExitCode);
        Assert.DoesNotContain(transport.Executions, e => e.Cancelled);
        Assert.Contains("[node-1] One: ok", result.Stdout, StringComparison.Ordinal);
        Assert.Empty(transport.Ran("step-two"));
        Assert.Empty(transport.Ran("health-check"));
        Assert.DoesNotContain(transport.Executions, e => e.Host is "node-3" or "node-4");
        Assert.Contains("{\"record\":\"run-done\",\"outcome\":\"interrupted\",", dir.Journal, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Resume_refuses_changed_params()
    {
        using var dir = new CliRun(
            ThreeSteps.Replace(
                "runbook: resumable",
                "runbook: resumable\nparams:\n  unit: { default: a }",
                StringComparison.Ordinal
            )
        );
        var transport = new FakeTransport().On("node-1", "step-two", new FakeReply(1));
        Assert.Equal(1, (await dir.RunAsync(transport)).ExitCode);

        var refused = await dir.RunAsync(transport, null, "--resume", "last", "--param", "unit=b");

        Assert.Equal(2, refused.ExitCode);
        Assert.Contains("different params", refused.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_gate_interrupted_between_attempts_runs_again_on_resume_and_its_batch_steps_do_not()
    {
        using var dir = new CliRun(ThreeSteps, hosts: 2);
        using var interrupts = new RunControl();
        var transport = new FakeTransport().On(null, "health-check", attempt => new FakeReply(attempt <= 2 ? 1 : 0));
        transport.OnStart = (_, script) =>
        {
            if (script == "health-check")
                interrupts.Interrupt();
        };
        var interrupted = await dir.RunAsync(transport, interrupts);
        Assert.Equal(130, interrupted.ExitCode);
        Assert.Contains(
            "{\"record\":\"gate-done\",\"id\":\"p1.b1.g1\",\"name\":\"healthy\",\"status\":\"interrupted\",",
            dir.Journal,
            StringComparison.Ordinal
        );

        transport.OnStart = null;
        var resumed = await dir.RunAsync(transport, null, "--resume", "last");

        Assert.Equal(0, resumed.ExitCode);
        Assert.Single(transport.Ran("step-one"), e => e.Host == "node-1");
        Assert.Equal(4, transport.Ran("health-check").Count()); // 1 before the interrupt; batch 1 again (2 fail, 3 passes); batch 2
    }
}
