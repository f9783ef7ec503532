using System.Text.Json.Nodes;
using Runbook.Execution;
using Runbook.Tests.Execution.Fakes;

namespace Runbook.Tests.Execution;

/// <summary>
/// Step events say where the step is written (file, line, column), the included file's position for a step that an
/// include brought in, so a failed step in a CI log leads to its line; and the CLI's events are the front door's.
/// </summary>
public sealed class StepSourceEventTests
{
    private const string Runbook = """
        runbook: located
        phases:
          - name: nodes
            hosts: role=node
            steps:
              - name: Own
                run: do-own
              - include: lib/check.yaml
        """;

    private const string Included = """
        steps:
          - name: Included
            run: do-included
        """;

    [Fact]
    public async Task Step_events_carry_the_runbook_position_and_the_included_files_for_included_steps()
    {
        using var dir = Scratch();
        var events = Path.Combine(dir.Root, "events.ndjson");

        var result = await dir.RunAsync(
            new FakeTransport().On(null, "do-included", new FakeReply(3)),
            null,
            "--events",
            events
        );

        Assert.Equal(1, result.ExitCode);
        var lines = File.ReadAllLines(events).Select(l => JsonNode.Parse(l)!).ToList();
        var own = Position(lines, "step-started", "Own");
        // A step's position is its name's, as in its diagnostics: line 6, column 15 is "Own".
        Assert.Equal((dir.RunbookPath, 6, 15), own);
        Assert.Equal(own, Position(lines, "step-finished", "Own"));
        var included = Position(lines, "step-started", "Included");
        Assert.Equal((Path.Combine(dir.Root, "lib", "check.yaml"), 2, 11), included);
        Assert.Equal(included, Position(lines, "step-finished", "Included"));
        Assert.All(
            lines.Where(l => (string?)l["event"] is "gate-attempt" or "batch-finished" or "run-finished"),
            l => Assert.Null(l["file"])
        );
    }

    [Fact]
    public async Task The_cli_writes_the_events_the_front_door_hands_an_observer()
    {
        using var dir = Scratch();
        var events = Path.Combine(dir.Root, "events.ndjson");
        var cli = await dir.RunAsync(new FakeTransport(), null, "--events", events);
        Assert.Equal(0, cli.ExitCode);

        var recorder = new RecordingObserver();
        var state = Path.Combine(dir.Root, "state-front-door");
        var run = await RunbookEngine.RunAsync(
            RunbookEngine.Compile(dir.RunbookPath, dir.InventoryPath),
            new RunSettings
            {
                Transport = _ => new FakeTransport(),
                StateDirectory = state,
                Observers = _ => [recorder],
            }
        );

        Assert.Equal(RunOutcome.Succeeded, run.Outcome);
        Assert.Equal(
            File.ReadAllLines(events).Select(Comparable),
            recorder.Events.Select(e => Comparable(EventJson.Serialize(e)))
        );
    }

    private static CliRun Scratch()
    {
        var dir = new CliRun(Runbook, hosts: 1);
        Directory.CreateDirectory(Path.Combine(dir.Root, "lib"));
        File.WriteAllText(Path.Combine(dir.Root, "lib", "check.yaml"), Included);
        return dir;
    }

    private static (string?, int?, int?) Position(List<JsonNode> lines, string kind, string name)
    {
        var line = lines.Single(l => (string?)l["event"] == kind && (string?)l["name"] == name);
        return ((string?)line["file"], (int?)line["line"], (int?)line["column"]);
    }

    /// <summary>An event line without what differs from run to run: its time, durations and the run id.</summary>
    private static string Comparable(string line)
    {
        var node = JsonNode.Parse(line)!.AsObject();
        node.Remove("ts");
        node.Remove("duration_ms");
        if ((string?)node["event"] == "run-started")
            node.Remove("text");
        return node.ToJsonString();
    }
}
