using Runbook.Errors;
using Runbook.Tests.Support;

namespace Runbook.Tests.Includes;

/// <summary>
/// An include's 'name:' goes before the names of the items it brings in, so one file can be included twice in a list;
/// gates brought in by an include say which file they come from in every plan format; the JSON plan's edges order
/// preconditions and clean-up too.
/// </summary>
public sealed class IncludeNameTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("runbook-include-names-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void A_file_included_twice_with_names_gives_its_steps_and_gates_each_prefix_and_nested_ones_both()
    {
        Write(
            "s.yaml",
            "params:\n  word: {}\nsteps:\n  - { name: say, run: 'echo {{ params.word }}' }\n"
                + "  - { include: inner.yaml, name: inner }\n"
        );
        Write("inner.yaml", "steps:\n  - { name: deep, run: echo deep }\n");
        Write("g.yaml", "gates:\n  - { name: ok, on: any(all), verify: { run: 'true' } }\n");
        Write(
            "runbook.yaml",
            """
            runbook: twice
            phases:
              - name: p
                hosts: all
                steps:
                  - { include: s.yaml, name: first, with: { word: one } }
                  - { include: s.yaml, name: second, with: { word: two } }
                gates:
                  - { include: g.yaml, name: a }
                  - { include: g.yaml, name: b }
            """
        );

        var batch = Compile().Phases[0].Batches[0];

        var steps = batch.Segments.OfType<Graph.HostStepsSegment>().Single().Hosts[0].Steps;
        Assert.Equal(
            ["first / say", "first / inner / deep", "second / say", "second / inner / deep"],
            steps.Select(s => s.Name)
        );
        Assert.Equal(["echo one", "echo deep", "echo two", "echo deep"], steps.Select(s => s.Command!.Text));
        Assert.Equal(["a / ok", "b / ok"], batch.Gates.Select(g => g.Name));
    }

    [Fact]
    public void Without_names_the_second_copy_is_a_duplicate_and_an_empty_name_is_an_error()
    {
        Write("s.yaml", "steps:\n  - { name: say, run: echo hi }\n");
        Write(
            "runbook.yaml",
            "runbook: twice\nphases:\n  - name: p\n    hosts: all\n    steps:\n      - include: s.yaml\n"
                + "      - { include: s.yaml, name: '' }\n"
        );

        var error = Assert.Throws<InvalidInputException>(Compile);

        Assert.Equal(
            [
                "RB0012 7: 'name' of an include is empty",
                "RB0041 2: duplicate step name 'say' in phase 'p' (first used at line 2)",
            ],
            error.Diagnostics.Select(d => $"{d.Code} {d.Span.Line}: {d.Message}").Order(StringComparer.Ordinal)
        );
    }

    [Fact]
    public async Task Included_gates_say_their_file_in_the_text_markdown_and_json_plans()
    {
        const string Case = "tests/Runbook.Tests/Planning/Cases/includes.yaml";
        const string Inventory = "inventories/etcd-cluster.yaml";

        var text = await CliRunner.RunAsync("plan", Case, "-i", Inventory);
        var markdown = await CliRunner.RunAsync("plan", Case, "-i", Inventory, "--format", "markdown");
        var json = await CliRunner.RunAsync("plan", Case, "-i", Inventory, "--format", "json");

        Assert.Contains(
            "gate \"Cluster healthy\" on any(role=etcd), first reachable of etcd-a, etcd-b, etcd-c  "
                + "[from includes/cluster-gate.yaml]\n",
            text.Stdout,
            StringComparison.Ordinal
        );
        Assert.Contains(", from `includes/cluster-gate.yaml`\n", markdown.Stdout, StringComparison.Ordinal);
        var gate = System
            .Text.Json.JsonDocument.Parse(json.Stdout)
            .RootElement.GetProperty("phases")[0]
            .GetProperty("batches")[0]
            .GetProperty("gates")[0];
        Assert.Equal("includes/cluster-gate.yaml", gate.GetProperty("included_from").GetString());
    }

    [Fact]
    public async Task The_json_plans_edges_run_preconditions_first_finally_before_the_gates_and_mark_on_failure()
    {
        var result = await CliRunner.RunAsync(
            "plan",
            "tests/Runbook.Tests/Planning/Cases/cleanup.yaml",
            "-i",
            "inventories/rke2-split-roles.yaml",
            "--format",
            "json"
        );
        Assert.True(result.ExitCode == 0, result.Stderr);

        var root = System.Text.Json.JsonDocument.Parse(result.Stdout).RootElement;
        var edges = root.GetProperty("edges")
            .EnumerateArray()
            .Select(e => string.Join(" ", e.EnumerateArray().Select(x => x.GetString())))
            .ToHashSet(StringComparer.Ordinal);
        var batch = root.GetProperty("phases")[0].GetProperty("batches")[0];
        var precondition = batch.GetProperty("preconditions")[0].GetProperty("id").GetString();
        var cleanup = batch.GetProperty("cleanup")[0];
        var host = cleanup.GetProperty("host").GetString();
        var onFailure = cleanup.GetProperty("on_failure").EnumerateArray().Select(s => s.GetProperty("id").GetString());
        var final = cleanup.GetProperty("finally").EnumerateArray().Select(s => s.GetProperty("id").GetString());

        Assert.Contains($"p1.b1.start {precondition}", edges);
        Assert.Contains($"{precondition} p1.b1.ready", edges);
        Assert.Contains($"p1.b1.{host}.s1 {onFailure.First()} failed", edges);
        Assert.Contains($"{onFailure.Last()} p1.b1.done", edges);
        Assert.Contains($"p1.b1.done {final.First()}", edges);
        Assert.Contains($"{final.Last()} p1.b1.cleaned", edges);
        Assert.Contains("p1.b1.cleaned p1.b1.passed", edges);
        Assert.DoesNotContain("p1.b1.done p1.b1.passed", edges);
    }

    private Graph.ExecutionGraph Compile()
    {
        Write("inventory.yaml", "inventory: one\nhosts:\n  h1: { address: 127.0.0.1, roles: [etcd] }\n");
        return RunbookEngine.Compile(Path.Combine(_dir, "runbook.yaml"), Path.Combine(_dir, "inventory.yaml"));
    }

    private void Write(string name, string text) => File.WriteAllText(Path.Combine(_dir, name), text);
}
