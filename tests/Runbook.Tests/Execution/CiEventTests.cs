using System.Text.Json.Nodes;
using Runbook.Cli;
using Runbook.Execution;
using Runbook.Graph;
using Runbook.Tests.Execution.Fakes;

namespace Runbook.Tests.Execution;

/// <summary>
/// What a pipeline reads from a run without custom code (issue 13, item 3): the exit code on run-finished, batches and
/// phases that went on past tolerated failures saying so, a failed gate's stderr, and where each step is written.
/// </summary>
public sealed class CiEventTests
{
    private static string Rollout(int maxFailures) =>
        $$"""
            runbook: rollout
            phases:
              - name: upgrade
                hosts: role=node
                serial: 2
                max_failures: {{maxFailures}}
                steps:
                  - { name: Upgrade, run: do-upgrade }
              - name: after
                hosts: role=node
                steps:
                  - { name: Announce, run: do-announce }
            """;

    [Fact]
    public async Task A_batch_and_phase_that_go_on_past_tolerated_failures_end_tolerated_not_ok()
    {
        var transport = new FakeTransport().On("node-1", "do-upgrade", new FakeReply(1));
        var run = await ExecutorHarness.RunAsync(Rollout(1), ExecutorHarness.Hosts(4), transport);

        var batches = run.Events.OfType<BatchFinished>().ToDictionary(b => b.Batch, b => b.Status);
        Assert.Equal(StepStatus.Tolerated, batches["p1.b1"]);
        Assert.Equal(StepStatus.Ok, batches["p1.b2"]);
        var phases = run.Events.OfType<PhaseFinished>().ToDictionary(p => p.Phase, p => p.Status);
        Assert.Equal(StepStatus.Tolerated, phases[1]);
        Assert.Equal(StepStatus.Ok, phases[2]);
        // The run still ends as README says: a host failed, so step-failed and exit 1.
        var finished = Assert.Single(run.Events.OfType<RunFinished>());
        Assert.Equal((RunOutcome.StepFailed, 1), (finished.Outcome, finished.ExitCode));
    }

    [Fact]
    public async Task A_batch_past_its_tolerance_fails_and_is_not_tolerated()
    {
        var transport = new FakeTransport().On("node-1", "do-upgrade", new FakeReply(1));
        var run = await ExecutorHarness.RunAsync(Rollout(0), ExecutorHarness.Hosts(4), transport);

        Assert.Equal(StepStatus.Failed, run.Events.OfType<BatchFinished>().Single().Status);
        Assert.Equal(StepStatus.Failed, run.Events.OfType<PhaseFinished>().Single().Status);
        Assert.DoesNotContain(run.Events, e => e is BatchFinished { Status: StepStatus.Tolerated });
    }

    [Fact]
    public async Task The_journal_the_summary_and_the_plain_output_say_tolerated()
    {
        using var dir = new CliRun(Rollout(1), hosts: 4);
        var transport = new FakeTransport().On("node-1", "do-upgrade", new FakeReply(1));
        var events = Path.Combine(dir.Root, "events.ndjson");

        var result = await dir.RunAsync(transport, null, "--events", events);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("""{"record":"batch-done","id":"p1.b1","status":"tolerated",""", dir.Journal);
        Assert.Contains("""{"record":"phase-done","phase":1,"status":"tolerated",""", dir.Journal);
        Assert.Contains(
            "  phase 1: upgrade (tolerated: failures within max_failures/max_fail_percent)\n",
            result.Stdout
        );
        Assert.Contains("== phase 1: upgrade tolerated\n", result.Stdout);
        var lines = File.ReadAllLines(events).Select(l => JsonNode.Parse(l)!).ToList();
        Assert.Contains(lines, l => (string?)l["event"] == "batch-finished" && (string?)l["status"] == "tolerated");
        var finished = lines.Single(l => (string?)l["event"] == "run-finished");
        Assert.Equal(1, (int)finished["exit_code"]!);
        Assert.Equal("step-failed", (string?)finished["text"]);
    }

    [Fact]
    public void Every_outcome_carries_the_exit_code_the_cli_exits_with()
    {
        Assert.All(
            Enum.GetValues<RunOutcome>(),
            o => Assert.Equal(ExitCodes.For(o), new RunFinished("rb", o, TimeSpan.Zero).ExitCode)
        );
        Assert.Equal(
            [0, 1, 3, 4, 130, 5, 2, 2, 6, 2],
            Enum.GetValues<RunOutcome>().Select(o => new RunFinished("rb", o, TimeSpan.Zero).ExitCode)
        );
    }

    [Fact]
    public async Task A_failed_gate_attempt_carries_its_stderr_tail_masked_escaped_and_bounded()
    {
        const string yaml = """
            runbook: gated
            params:
              token: { secret: true }
            phases:
              - name: nodes
                hosts: role=node
                steps:
                  - { name: Work, run: do-work }
                gates:
                  - name: healthy
                    on: any(role=node)
                    verify: { run: "health {{ params.token }}", expect: { exit: 0 }, every: 1ms, within: 50ms }
            """;
        var noise = string.Concat(Enumerable.Range(1, 40).Select(i => $"line {i}\n"));
        var stderr = noise + "\u001b[31mconnection refused\u001b[0m by s3cr3t-t0ken\n";
        var transport = new FakeTransport().On(null, "health", new FakeReply(7, "not ok", stderr));

        var run = await ExecutorHarness.RunAsync(
            yaml,
            ExecutorHarness.Hosts(1),
            transport,
            parameters: new() { ["token"] = "s3cr3t-t0ken" }
        );

        Assert.Equal(RunOutcome.GateFailed, run.Outcome);
        var attempt = run.Events.OfType<GateAttempt>().First();
        Assert.Equal(StepStatus.Failed, attempt.Status);
        var tail = attempt.Stderr!;
        Assert.StartsWith("...line 22\n", tail, StringComparison.Ordinal);
        Assert.EndsWith("\\x1b[31mconnection refused\\x1b[0m by ***", tail, StringComparison.Ordinal);
        Assert.Equal(OutputTail.MaxLines, tail.Split('\n').Length);
        Assert.DoesNotContain("s3cr3t", EventJson.Serialize(attempt), StringComparison.Ordinal);
        Assert.Contains("\"stderr\":\"...line 22\\nline 23\\n", EventJson.Serialize(attempt), StringComparison.Ordinal);
    }

    [Fact]
    public void The_tail_is_masked_before_it_is_cut_and_bounded_in_characters()
    {
        var secrets = new SecretMasker(["abcdefgh"]);
        // The secret straddles where a cut of the raw text would fall: cutting first would leave "defgh" behind.
        var output = "abcdefgh" + new string('x', OutputTail.MaxChars - 3);
        Assert.Equal("***" + new string('x', OutputTail.MaxChars - 3), OutputTail.Of(output, secrets));
        Assert.Equal(
            "..." + new string('y', OutputTail.MaxChars),
            OutputTail.Of(new string('y', OutputTail.MaxChars + 10), secrets)
        );
        Assert.Null(OutputTail.Of(" \n\t\n", secrets));
        Assert.Equal("boom", OutputTail.Of("boom\r\n", secrets));
    }
}
