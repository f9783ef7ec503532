using System.Text.Json;
using Runbook.Tests.Execution.Fakes;

namespace Runbook.Tests.Execution;

public class RunCommandTests
{
    private const string WithSecret = """
        runbook: secretive
        params:
          token: { secret: true, default: hunter2-token }
        phases:
          - name: nodes
            hosts: role=node
            steps:
              - name: Login
                run: login --token {{ params.token }}
            gates:
              - name: logged in
                verify: { run: "whoami --token {{ params.token }}", every: 1ms, within: 5s }
        """;

    [Fact]
    public async Task A_secret_param_never_appears_in_output_events_or_the_journal()
    {
        using var dir = new CliRun(WithSecret);
        var transport = new FakeTransport()
            .On(null, "login", new FakeReply(0, "logged in with hunter2-token\n", "warning: hunter2-token is weak\n"))
            .On(null, "whoami", new FakeReply(0, "token hunter2-token ok"));
        var eventsFile = Path.Combine(dir.Root, "events.ndjson");
        var result = await dir.RunAsync(transport, null, "--events", eventsFile);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains(
            transport.Executions,
            e => e.Command.Script.Contains("hunter2-token", StringComparison.Ordinal)
        );
        Assert.Contains("[node-1] | logged in with ***", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("[node-1] | warning: *** is weak", result.Stdout, StringComparison.Ordinal);
        var everything = new[]
        {
            result.Stdout,
            result.Stderr,
            File.ReadAllText(eventsFile),
            dir.Journal,
            File.ReadAllText(Path.Combine(dir.RunDirectory, "run.json")),
        };
        Assert.All(everything, text => Assert.DoesNotContain("hunter2", text, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Events_are_valid_json_lines_in_order_with_a_fixed_property_order()
    {
        using var dir = new CliRun(WithSecret);
        var result = await dir.RunAsync(new FakeTransport(), null, "--events", "-");

        Assert.Equal(0, result.ExitCode);
        var lines = result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var events = lines.Select(l => JsonDocument.Parse(l).RootElement).ToList();
        var kinds = events.Select(e => e.GetProperty("event").GetString()).ToList();
        Assert.Equal("run-started", kinds[0]);
        Assert.Equal("run-finished", kinds[^1]);
        Assert.True(kinds.IndexOf("batch-finished") > kinds.LastIndexOf("step-finished"));
        Assert.True(kinds.IndexOf("gate-started") > kinds.LastIndexOf("step-finished"));
        Assert.All(events, e => Assert.Equal(["ts", "event"], e.EnumerateObject().Take(2).Select(p => p.Name)));
        var finished = events.First(e => e.GetProperty("event").GetString() == "step-finished");
        var names = finished.EnumerateObject().Select(p => p.Name).ToList();
        Assert.Equal(
            [
                "ts",
                "event",
                "phase",
                "batch",
                "host",
                "step",
                "name",
                "status",
                "exit",
                "duration_ms",
                "file",
                "line",
                "column",
            ],
            names
        );
        Assert.Contains("[node-1] Login: ok", result.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(3, 3)]
    public async Task The_exit_code_follows_the_outcome(int failingExit, int expectedExit)
    {
        using var dir = new CliRun(WithSecret);
        var transport = new FakeTransport().On("node-2", "login", new FakeReply(failingExit));
        if (expectedExit == 3)
            transport.Unreachable.Add("node-2");
        // Without the preflight, which would find node-2 unreachable before any step (PreflightCliTests).
        var result = await dir.RunAsync(transport, null, "--no-preflight");

        Assert.Equal(expectedExit, result.ExitCode);
        Assert.Contains("summary", result.Stdout, StringComparison.Ordinal);
        Assert.Matches(@"node-2 +ok 0 +failed [01] +skipped 0 +unreachable [01]", result.Stdout);
    }

    [Fact]
    public async Task A_gate_that_never_passes_exits_4()
    {
        using var dir = new CliRun(WithSecret.Replace("within: 5s", "within: 30ms", StringComparison.Ordinal));
        var result = await dir.RunAsync(new FakeTransport().On(null, "whoami", new FakeReply(1)));

        Assert.Equal(4, result.ExitCode);
        Assert.Contains("[gate] logged in: timed-out", result.Stdout, StringComparison.Ordinal);
    }
}
