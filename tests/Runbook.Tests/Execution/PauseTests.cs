using Runbook.Cli;
using Runbook.Tests.Execution.Fakes;
using Runbook.Tests.Support;

namespace Runbook.Tests.Execution;

/// <summary>
/// A pause stops a batch before the steps after it, once for the batch; it is approved at a terminal, in advance
/// (--yes), or, without a terminal, the run waits (exit 5) until it is resumed with --approve.
/// </summary>
public class PauseTests
{
    private const string Paused = """
        runbook: paused
        phases:
          - name: nodes
            hosts: role=node
            serial: 2
            steps:
              - { name: before, run: step-before }
              - { name: look, pause: "Check the dashboards of {{ batch.hosts | join: ', ' }}, then approve" }
              - { name: after, run: step-after }
        """;

    [Fact]
    public async Task Without_a_terminal_the_run_waits_at_the_pause_with_exit_5_and_says_how_to_go_on()
    {
        using var dir = new CliRun(Paused, hosts: 2);
        var transport = new FakeTransport();

        var waiting = await RunAsync(dir, transport, null, "--events", Path.Combine(dir.Root, "events.ndjson"));

        Assert.Equal(5, waiting.ExitCode);
        Assert.Equal(2, transport.Ran("step-before").Count());
        Assert.Empty(transport.Ran("step-after"));
        var id = Path.GetFileName(dir.RunDirectory);
        Assert.Contains(
            $"run {id} is waiting for approval (exit 5); when the pause's checks are done, go on with:\n"
                + $"  runbook run {dir.RunbookPath} -i {dir.InventoryPath} --resume {id} --approve\n",
            waiting.Stderr,
            StringComparison.Ordinal
        );
        Assert.Contains(
            "[pause] look: waiting for approval: Check the dashboards of node-1, node-2, then approve\n",
            waiting.Stdout,
            StringComparison.Ordinal
        );
        // The pause is counted as waiting, not as a failure.
        Assert.Matches(@"\n    \(controller\) +ok 0 +failed 0 +skipped 0 +unreachable 0 +waiting 1 ", waiting.Stdout);
        // Once for the batch of two hosts, not once per host.
        var events = File.ReadAllLines(Path.Combine(dir.Root, "events.ndjson"));
        var pause = Assert.Single(events, e => e.Contains("\"event\":\"pause-waiting\"", StringComparison.Ordinal));
        Assert.Contains("\"step\":\"p1.b1.s2\"", pause, StringComparison.Ordinal);
        Assert.Contains(
            "\"event\":\"run-finished\",\"name\":\"paused\",\"status\":\"waiting\"",
            events[^1],
            StringComparison.Ordinal
        );
        Assert.Contains("\"record\":\"pause-waiting\",\"id\":\"p1.b1.s2\"", dir.Journal, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Resumed_with_approve_the_run_goes_on_past_the_pause_and_journals_who_approved()
    {
        using var dir = new CliRun(Paused, hosts: 2);
        var transport = new FakeTransport();
        Assert.Equal(5, (await RunAsync(dir, transport, null)).ExitCode);

        var approved = await RunAsync(dir, transport, null, "--resume", "last", "--approve");

        Assert.Equal(0, approved.ExitCode);
        Assert.Equal(2, transport.Ran("step-before").Count());
        Assert.Equal(2, transport.Ran("step-after").Count());
        Assert.Contains(
            "\"record\":\"pause-approved\",\"id\":\"p1.b1.s2\",\"name\":\"look\",\"by\":\"alice\","
                + "\"how\":\"approved when resumed\"",
            dir.Journal,
            StringComparison.Ordinal
        );
        Assert.Contains(
            "[pause] look: approved by alice (approved when resumed)\n",
            approved.Stdout,
            StringComparison.Ordinal
        );
    }

    [Fact]
    public async Task Approve_is_for_the_pause_the_run_waits_at_not_for_the_next_one()
    {
        using var dir = new CliRun(Paused.Replace("serial: 2", "serial: 1", StringComparison.Ordinal), hosts: 2);
        var transport = new FakeTransport();
        Assert.Equal(5, (await RunAsync(dir, transport, null)).ExitCode);

        var next = await RunAsync(dir, transport, null, "--resume", "last", "--approve");

        Assert.Equal(5, next.ExitCode);
        Assert.Single(transport.Ran("step-after"));
        Assert.Equal(2, transport.Ran("step-before").Count());
        Assert.Contains("\"record\":\"pause-waiting\",\"id\":\"p1.b2.s2\"", dir.Journal, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Yes_approves_every_pause_in_advance_and_journals_it()
    {
        using var dir = new CliRun(Paused.Replace("serial: 2", "serial: 1", StringComparison.Ordinal), hosts: 2);
        var transport = new FakeTransport();

        var result = await RunAsync(dir, transport, null, "--yes");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(2, transport.Ran("step-after").Count());
        Assert.Equal(
            2,
            dir.Journal.Split('\n')
                .Count(l =>
                    l.Contains(
                        "\"by\":\"alice\",\"how\":\"approved in advance for every pause\"",
                        StringComparison.Ordinal
                    )
                )
        );
    }

    [Theory]
    [InlineData("y\n", 0)]
    [InlineData("no\n", 5)]
    [InlineData("", 5)]
    public async Task At_a_terminal_the_pause_asks_and_only_yes_goes_on(string answer, int exit)
    {
        using var dir = new CliRun(Paused, hosts: 2);
        var transport = new FakeTransport();

        var result = await RunAsync(dir, transport, new StringReader(answer));

        Assert.Equal(exit, result.ExitCode);
        Assert.Contains(
            "pause 'look' after batch p1.b1 (node-1, node-2) of phase 'nodes':\n"
                + "  Check the dashboards of node-1, node-2, then approve\napprove as alice and go on? [y/N] ",
            result.Stderr,
            StringComparison.Ordinal
        );
        Assert.Equal(exit == 0 ? 2 : 0, transport.Ran("step-after").Count());
        Assert.Equal(exit == 0, dir.Journal.Contains("\"how\":\"asked\"", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Approve_without_a_waiting_pause_or_without_resume_is_refused()
    {
        using var dir = new CliRun(
            Paused.Replace("{ name: look, pause", "{ name: look, run", StringComparison.Ordinal)
        );
        var transport = new FakeTransport();
        var plain = await RunAsync(dir, transport, null, "--approve");
        Assert.Equal(2, plain.ExitCode);
        Assert.Equal(
            "error: --approve approves the pause a run is waiting at: give the run with --resume\n",
            plain.Stderr
        );
        Assert.Equal(0, (await RunAsync(dir, transport, null)).ExitCode);

        var refused = await RunAsync(dir, transport, null, "--resume", "last", "--approve");

        Assert.Equal(2, refused.ExitCode);
        Assert.Matches(
            @"^error: --approve: run \S+ is not waiting for approval: there is no pause to approve\n$",
            refused.Stderr
        );
    }

    [Fact]
    public async Task A_pause_with_host_keys_is_an_error_that_says_why()
    {
        using var dir = new CliRun(
            Paused.Replace("pause: \"", "on: role=node, become: true, pause: \"", StringComparison.Ordinal)
        );

        var result = await RunAsync(dir, new FakeTransport(), null);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(
            "step 'look' is a 'pause' step, which runs once per batch on the controller: it cannot have 'on'",
            result.Stderr,
            StringComparison.Ordinal
        );
        Assert.Contains("it cannot have 'become'", result.Stderr, StringComparison.Ordinal);
    }

    internal static async Task<CliResult> RunAsync(
        CliRun dir,
        FakeTransport transport,
        TextReader? terminal,
        params string[] extra
    )
    {
        using var stdout = new StringWriter { NewLine = "\n" };
        using var stderr = new StringWriter { NewLine = "\n" };
        var environment = new Dictionary<string, string>
        {
            ["RUNBOOK_STATE_DIR"] = dir.StateDirectory,
            ["RUNBOOK_APPROVER"] = "alice",
            ["GITHUB_SERVER_URL"] = "https://github.example",
            ["GITHUB_REPOSITORY"] = "ops/clusters",
            ["GITHUB_RUN_ID"] = "42",
        };
        var context = new CliContext(stdout, stderr, name => environment.GetValueOrDefault(name))
        {
            TransportFactory = _ => transport,
            Input = terminal,
        };
        var exit = await CliApp.RunAsync(
            ["run", dir.RunbookPath, "-i", dir.InventoryPath, .. extra],
            context,
            CancellationToken.None
        );
        return new CliResult(exit, stdout.ToString(), stderr.ToString());
    }
}
