using System.Text.Json.Nodes;
using Runbook.Tests.Support;

namespace Runbook.Tests.Integration;

/// <summary>
/// The events a pipeline reads, from a real run over SSH on the lab fleet (issue 13, item 3): a batch and phase that
/// went on past a tolerated failure end 'tolerated' (events and journal), a failed gate's attempts carry its stderr,
/// step events name where each step is written (the included file for an included step), and run-finished carries
/// the exit code the command exits with.
/// </summary>
[Collection(LabCollection.Name)]
public sealed class CiEventsOnLabTests(LabFixture lab)
{
    private const string Runbook = """
        runbook: ci-events
        phases:
          - name: flaky
            hosts: role in (etcd, control-plane, worker)
            serial: 3
            max_failures: 1
            steps:
              - include: steps/flaky.yaml
          - name: gated
            hosts: role=worker
            steps:
              - name: touch
                run: touch ~/TAG-touched
            gates:
              - name: healthy
                on: any(role=worker)
                verify: { run: "echo 'etcdserver: no leader' >&2; exit 1", every: 100ms, within: 1s }
        """;

    private const string Flaky = """
        steps:
          - name: maybe
            run: test {{ host.name }} != etcd-1
        """;

    [Fact]
    public async Task Tolerated_batches_gate_stderr_step_positions_and_the_exit_code_reach_the_events()
    {
        using var run = new LabRun(lab, Runbook);
        Directory.CreateDirectory(Path.Combine(run.Root, "steps"));
        var included = Path.Combine(run.Root, "steps", "flaky.yaml");
        File.WriteAllText(included, Flaky);

        var result = await run.RunAsync();

        Assert.True(result.ExitCode == 4, result.Stdout + result.Stderr);
        var events = run
            .Events.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => JsonNode.Parse(l))
            .ToList();
        var finished = events.Single(e => Kind(e) == "run-finished")!;
        Assert.Equal(("gate-failed", 4), ((string?)finished["text"], (int?)finished["exit_code"]));

        var batch = events.Single(e => Kind(e) == "batch-finished" && (string?)e!["batch"] == "p1.b1")!;
        Assert.Equal("tolerated", (string?)batch["status"]);
        var phase = events.Single(e => Kind(e) == "phase-finished" && (int?)e!["phase"] == 1)!;
        Assert.Equal("tolerated", (string?)phase["status"]);
        Assert.Contains("\"record\":\"batch-done\",\"id\":\"p1.b1\",\"status\":\"tolerated\"", run.Journal);
        Assert.Contains("  phase 1: flaky (tolerated", result.Stdout, StringComparison.Ordinal);

        var attempts = events.Where(e => Kind(e) == "gate-attempt").ToList();
        Assert.NotEmpty(attempts);
        Assert.All(attempts, a => Assert.Equal("etcdserver: no leader", (string?)a!["stderr"]));

        var maybe = events.Single(e => Kind(e) == "step-finished" && (string?)e!["host"] == "etcd-1")!;
        Assert.Equal("failed", (string?)maybe["status"]);
        Assert.Equal((included, 2, 11), ((string?)maybe["file"], (int?)maybe["line"], (int?)maybe["column"]));
        var touch = events.Single(e => Kind(e) == "step-started" && (string?)e!["name"] == "touch")!;
        Assert.Equal((run.RunbookPath, 12, 15), ((string?)touch["file"], (int?)touch["line"], (int?)touch["column"]));
    }

    private static string? Kind(JsonNode? e) => (string?)e?["event"];
}
