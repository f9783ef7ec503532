using Runbook.Tests.Execution.Fakes;

namespace Runbook.Tests.Execution;

/// <summary>Resume after clean-up: where a host starts again, and preconditions checked again.</summary>
public class CleanupResumeTests
{
    private const string Runbook = """
        runbook: resumable-cleanup
        phases:
          - name: nodes
            hosts: role=node
            preconditions:
              - name: ready
                verify: { run: ready-check, every: 1ms, within: 5s }
            steps:
              - { name: One, run: step-one }
              - { name: Two, run: step-two }
              - { name: Three, run: step-three }
            on_failure:
              - { name: Undo, run: undo-it }
            finally:
              - { name: Tidy, run: tidy-up }
        """;

    [Fact]
    public async Task A_resumed_run_starts_the_phase_again_from_its_first_step_on_a_host_whose_on_failure_ran()
    {
        using var dir = new CliRun(Runbook, hosts: 2);
        var transport = new FakeTransport().On("node-2", "step-two", attempt => new FakeReply(attempt == 1 ? 1 : 0));
        Assert.Equal(1, (await dir.RunAsync(transport)).ExitCode);
        Assert.Contains(
            "{\"record\":\"cleanup-started\",\"batch\":\"p1.b1\",\"host\":\"node-2\",\"list\":\"on_failure\",",
            dir.Journal,
            StringComparison.Ordinal
        );
        Assert.Contains("\"list\":\"on_failure\"", dir.Journal, StringComparison.Ordinal);

        var resumed = await dir.RunAsync(transport, null, "--resume", "last");

        Assert.Equal(0, resumed.ExitCode);
        Assert.Equal(2, transport.Ran("step-one").Count(e => e.Host == "node-2"));
        Assert.Single(transport.Ran("step-one"), e => e.Host == "node-1");
        Assert.Single(transport.Ran("step-three"), e => e.Host == "node-1");
        Assert.Single(transport.Ran("undo-it"));
        // node-2 started again: its finally runs again; node-1 did nothing in the resumed run, so it does not.
        Assert.Equal(2, transport.Ran("tidy-up").Count(e => e.Host == "node-2"));
        Assert.Single(transport.Ran("tidy-up"), e => e.Host == "node-1");
        // Preconditions were checked again before the batch.
        Assert.Equal(2, transport.Ran("ready-check").Count());
    }

    [Fact]
    public async Task Without_on_failure_a_resumed_host_goes_on_from_the_step_that_failed()
    {
        var runbook = Runbook.Replace(
            "    on_failure:\n      - { name: Undo, run: undo-it }\n",
            "",
            StringComparison.Ordinal
        );
        Assert.DoesNotContain("on_failure", runbook, StringComparison.Ordinal);
        using var dir = new CliRun(runbook, hosts: 1);
        var transport = new FakeTransport().On("node-1", "step-two", attempt => new FakeReply(attempt == 1 ? 1 : 0));
        Assert.Equal(1, (await dir.RunAsync(transport)).ExitCode);

        var resumed = await dir.RunAsync(transport, null, "--resume", "last");

        Assert.Equal(0, resumed.ExitCode);
        Assert.Single(transport.Ran("step-one"));
        Assert.Equal(2, transport.Ran("step-two").Count());
    }

    [Fact]
    public async Task A_batch_completed_before_is_passed_through_without_checking_its_preconditions_again()
    {
        using var dir = new CliRun(Runbook, hosts: 1);
        var transport = new FakeTransport();
        Assert.Equal(0, (await dir.RunAsync(transport)).ExitCode);
        var before = transport.Executions.Count;

        var again = await dir.RunAsync(transport, null, "--resume", "last");

        Assert.Equal(0, again.ExitCode);
        // Besides its one look per host for commands of the earlier attempt still running (StaleCommands).
        Assert.Equal(before, transport.Executions.Count(e => !e.Command.Script.Contains(": runbook-ste[p] ")));
    }
}
