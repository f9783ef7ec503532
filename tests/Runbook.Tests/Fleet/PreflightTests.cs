using System.Text.Json;
using Runbook.Cli;
using Runbook.Execution;
using Runbook.Tests.Execution;
using Runbook.Tests.Execution.Fakes;

namespace Runbook.Tests.Fleet;

/// <summary>The preflight of run and runbook check: every problem of every host, before anything runs.</summary>
public class PreflightTests
{
    private const string Rollout = """
        runbook: rollout
        phases:
          - name: first
            hosts: role=node
            serial: 1
            steps:
              - name: Upgrade
                run: do-upgrade
                become: true
          - name: later
            hosts: role=node
            steps:
              - name: Check
                run: do-check
                requires: [etcdctl, kubectl]
            gates:
              - name: healthy
                verify: { run: health, within: 1s }
                requires: [curl]
        """;

    [Fact]
    public async Task An_unreachable_host_and_missing_commands_are_reported_together_and_nothing_runs()
    {
        var transport = new FakeTransport()
            .On("node-3", "command -v", new FakeReply(0, "etcdctl\n"))
            .On("node-1", "command -v", new FakeReply(0, "curl\nkubectl\n"));
        transport.Unreachable.Add("node-2");
        var run = await ExecutorHarness.RunAsync(Rollout, ExecutorHarness.Hosts(3), transport, preflight: true);

        Assert.Equal(RunOutcome.Unreachable, run.Outcome);
        var checks = run.Events.OfType<PreflightChecked>().ToList();
        Assert.Equal(["node-1", "node-2", "node-3"], checks.Select(c => c.Host));
        Assert.Equal([StepStatus.Failed, StepStatus.Unreachable, StepStatus.Failed], checks.Select(c => c.Status));
        Assert.Equal(["missing commands: curl, kubectl"], checks[0].Problems);
        Assert.Equal(["connection refused"], checks[1].Problems);
        Assert.Equal(["missing command: etcdctl"], checks[2].Problems);
        Assert.Equal(3, run.Events.OfType<PreflightFinished>().Single().Failed);
        Assert.Empty(transport.Ran("do-"));
        Assert.DoesNotContain(run.Events, e => e is StepStarted or PhaseStarted);
    }

    [Fact]
    public async Task Sudo_is_checked_where_the_plan_becomes_root_and_a_refusal_is_a_preflight_failure()
    {
        var transport = new FakeTransport().On("node-2", "true", new FakeReply(1, "", "sudo: a password is required"));
        var run = await ExecutorHarness.RunAsync(Rollout, ExecutorHarness.Hosts(2), transport, preflight: true);

        Assert.Equal(RunOutcome.PreflightFailed, run.Outcome);
        var sudo = transport.Executions.Where(e => e.Command is { Script: "true", Become: true }).Select(e => e.Host);
        Assert.Equal(["node-1", "node-2"], sudo.Order());
        var node2 = run.Events.OfType<PreflightChecked>().Single(c => c.Host == "node-2");
        Assert.Equal(
            ["sudo refused (sudo -n true: exit 1, sudo: a password is required): steps with become cannot run"],
            node2.Problems
        );
        Assert.Empty(transport.Ran("do-"));
    }

    [Fact]
    public async Task A_ready_fleet_runs_on_the_connections_the_preflight_opened()
    {
        var transport = new FakeTransport();
        var run = await ExecutorHarness.RunAsync(Rollout, ExecutorHarness.Hosts(4), transport, preflight: true);

        Assert.Equal(RunOutcome.Succeeded, run.Outcome);
        Assert.All(transport.Connects.Values, n => Assert.Equal(1, n));
        var tools = Assert.Single(transport.Ran("command -v"), e => e.Host == "node-1");
        Assert.Contains("for t in curl etcdctl kubectl;", tools.Command.Script, StringComparison.Ordinal);
        var order = run.Events.Select(e => e.GetType().Name).ToList();
        Assert.True(order.IndexOf(nameof(PreflightFinished)) < order.IndexOf(nameof(StepStarted)));
    }

    [Fact]
    public async Task A_down_candidate_of_any_is_not_needed_when_another_is_ready()
    {
        const string yaml = """
            runbook: once
            phases:
              - name: one
                hosts: name=node-1
                steps:
                  - name: Announce
                    run: do-announce
                    on: any(role=node)
            """;
        var transport = new FakeTransport();
        transport.Unreachable.Add("node-1");
        var spared = await ExecutorHarness.RunAsync(yaml, ExecutorHarness.Hosts(3), transport, preflight: true);

        Assert.Equal(RunOutcome.Succeeded, spared.Outcome);
        var node1 = spared.Events.OfType<PreflightChecked>().Single(c => c.Host == "node-1");
        Assert.Equal(StepStatus.Unreachable, node1.Status);
        Assert.Contains("not needed: another candidate of 'on: any(role=node)' is ready", node1.Problems);
        Assert.Equal(0, spared.Events.OfType<PreflightFinished>().Single().Failed);
    }

    [Fact]
    public void Requires_takes_command_names_only()
    {
        const string yaml = """
            runbook: bad
            phases:
              - name: one
                hosts: role=node
                steps:
                  - name: Check
                    run: do-check
                    requires: [etcdctl, "kubectl; rm -rf /"]
            """;
        var file = Path.Combine(Path.GetTempPath(), $"requires-{Guid.NewGuid():n}.yaml");
        File.WriteAllText(file, yaml);
        IReadOnlyList<Diagnostics.Diagnostic> diagnostics;
        try
        {
            diagnostics = RunbookEngine.Validate([file]);
        }
        finally
        {
            File.Delete(file);
        }

        var d = Assert.Single(diagnostics, d => d.Code != "RB0090");
        Assert.Equal("RB0013", d.Code);
        Assert.Equal("'kubectl; rm -rf /' in 'requires' of step 'Check' is not a command name", d.Message);
    }

    [Fact]
    public async Task The_run_reports_every_problem_with_exit_3_and_no_preflight_skips_it()
    {
        using var dir = new CliRun(Rollout, hosts: 3);
        var transport = new FakeTransport().On("node-3", "command -v", new FakeReply(0, "etcdctl\n"));
        transport.Unreachable.Add("node-2");
        var result = await dir.RunAsync(transport, null, "--events", "-");

        Assert.Equal(3, result.ExitCode);
        Assert.Contains("[node-2] preflight unreachable: connection refused", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("[node-3] preflight failed: missing command: etcdctl", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("preflight: 2 of 3 hosts not ready; nothing has run", result.Stderr, StringComparison.Ordinal);
        var events = result
            .Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => JsonDocument.Parse(l).RootElement)
            .ToList();
        var host = events.First(e => e.GetProperty("event").GetString() == "preflight-host");
        Assert.Equal(["ts", "event", "host", "status"], host.EnumerateObject().Select(p => p.Name));
        Assert.Contains(events, e => e.GetProperty("event").GetString() == "preflight-finished");
        Assert.Empty(transport.Ran("do-"));

        var skipped = new FakeTransport().On("node-3", "command -v", new FakeReply(0, "etcdctl\n"));
        var unchecked_ = await dir.RunAsync(skipped, null, "--no-preflight");
        Assert.Equal(0, unchecked_.ExitCode);
        Assert.Empty(skipped.Ran("command -v"));
        Assert.DoesNotContain("preflight", unchecked_.Stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, null, 0)]
    [InlineData(null, "kubectl\n", 2)]
    [InlineData("node-2", null, 3)]
    public async Task Check_runs_only_the_preflight_and_exits_0_2_or_3(string? down, string? missing, int exit)
    {
        using var dir = new CliRun(Rollout, hosts: 2);
        var transport = new FakeTransport();
        if (down is not null)
            transport.Unreachable.Add(down);
        if (missing is not null)
            transport.On("node-1", "command -v", new FakeReply(0, missing));
        using var stdout = new StringWriter { NewLine = "\n" };
        using var stderr = new StringWriter { NewLine = "\n" };
        var environment = new Dictionary<string, string> { ["RUNBOOK_STATE_DIR"] = dir.StateDirectory };
        var context = new CliContext(stdout, stderr, environment.GetValueOrDefault)
        {
            TransportFactory = _ => transport,
        };

        var code = await CliApp.RunAsync(["check", dir.RunbookPath, "-i", dir.InventoryPath], context, default);

        Assert.Equal(exit, code);
        Assert.Empty(transport.Ran("do-"));
        Assert.False(Directory.Exists(dir.StateDirectory));
        Assert.Contains(
            exit == 0 ? "preflight: 2 hosts ready" : "not ready; nothing has run",
            stdout.ToString(),
            StringComparison.Ordinal
        );
    }
}
