using Runbook.Errors;
using Runbook.Tests.Support;

namespace Runbook.Tests.Includes;

/// <summary>
/// Includes (`- include: FILE` with `with:`): the plan shows the included steps in place, diff and the plan's
/// fingerprint see a change inside an included file, each include binds its own values, nesting is limited, and
/// `runbook validate` reads an included file given on its own as one.
/// </summary>
public sealed class IncludeTests : IDisposable
{
    private const string PlanCase = "tests/Runbook.Tests/Planning/Cases/includes.yaml";
    private const string DiffCase = "tests/Runbook.Tests/Diffing/IncludeCase";

    private readonly string _dir = Directory.CreateTempSubdirectory("runbook-includes-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task The_plan_shows_included_steps_and_gates_in_place_with_their_file_and_bound_params()
    {
        var result = await CliRunner.RunAsync("plan", PlanCase, "-i", "inventories/etcd-cluster.yaml");
        Assert.True(result.ExitCode == 0, result.Stderr);
        Snapshot.Match(result.Stdout, "Planning/Cases/includes.plan.txt");
    }

    [Fact]
    public async Task The_json_plan_names_the_file_each_included_step_comes_from()
    {
        var result = await CliRunner.RunAsync(
            "plan",
            PlanCase,
            "-i",
            "inventories/etcd-cluster.yaml",
            "--format",
            "json"
        );
        Assert.True(result.ExitCode == 0, result.Stderr);
        var json = result.Stdout.Replace(" ", string.Empty, StringComparison.Ordinal);
        Assert.Contains("\"included_from\":\"includes/version.yaml\"", json, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Diff_shows_a_change_inside_an_included_file_as_a_change_of_the_plan()
    {
        var result = await CliRunner.RunAsync(
            "diff",
            $"{DiffCase}/base/runbook.yaml",
            $"{DiffCase}/head/runbook.yaml",
            "-i",
            "inventories/rke2-split-roles.yaml",
            "--exit-code"
        );
        Assert.True(result.Stderr.Length == 0, result.Stderr);
        Assert.Equal(1, result.ExitCode);
        Snapshot.Match(result.Stdout, "Diffing/IncludeCase/expected.txt");
    }

    [Fact]
    public void The_fingerprint_of_a_plan_changes_with_an_included_file_and_not_otherwise()
    {
        Write("inventory.yaml", "inventory: one\nhosts:\n  h1: { address: 127.0.0.1, roles: [etcd] }\n");
        Write(
            "runbook.yaml",
            "runbook: fp\nphases:\n  - name: p\n    hosts: all\n    steps:\n      - include: steps/s.yaml\n"
        );
        Write("steps/s.yaml", "steps:\n  - { name: a, run: echo one }\n");
        var first = Compile().Fingerprint;
        Assert.Equal(first, Compile().Fingerprint);

        Write("steps/s.yaml", "steps:\n  - { name: a, run: echo two }\n");
        var second = Compile().Fingerprint;

        Assert.NotEqual(first.RunbookSha256, second.RunbookSha256);
        Assert.NotEqual(first.RunbookContentSha256, second.RunbookContentSha256);
        Assert.Equal(
            first with
            {
                RunbookSha256 = second.RunbookSha256,
                RunbookContentSha256 = second.RunbookContentSha256,
            },
            second
        );
    }

    [Fact]
    public void The_same_file_included_in_two_phases_renders_each_with_its_own_with_values()
    {
        Write("inventory.yaml", "inventory: one\nhosts:\n  h1: { address: 127.0.0.1, roles: [etcd] }\n");
        Write(
            "runbook.yaml",
            """
            runbook: twice
            params:
              color: { default: blue }
            phases:
              - name: first
                hosts: all
                steps:
                  - { include: steps/say.yaml, with: { word: "{{ params.color }}" } }
              - name: second
                hosts: all
                steps:
                  - { include: steps/say.yaml, with: { word: green } }
            """
        );
        Write("steps/say.yaml", "params:\n  word: {}\nsteps:\n  - name: say\n    run: echo {{ params.word }}\n");

        var commands = Compile()
            .Phases.Select(p => p.Batches[0].Segments.OfType<Graph.HostStepsSegment>().Single().Hosts[0].Steps[0])
            .Select(s => s.Command!.Text)
            .ToList();

        Assert.Equal(["echo blue", "echo green"], commands);
    }

    [Fact]
    public void A_file_included_twice_in_one_phase_repeats_its_step_names_which_is_an_error_at_the_second_include()
    {
        Write("inventory.yaml", "inventory: one\nhosts:\n  h1: { address: 127.0.0.1, roles: [etcd] }\n");
        Write(
            "runbook.yaml",
            "runbook: twice\nphases:\n  - name: p\n    hosts: all\n    steps:\n      - include: s.yaml\n"
                + "      - include: s.yaml\n"
        );
        Write("s.yaml", "steps:\n  - { name: say, run: echo hi }\n");

        var error = Assert.Throws<InvalidInputException>(Compile);

        var duplicate = Assert.Single(error.Diagnostics);
        Assert.Equal(("RB0041", 2), (duplicate.Code, duplicate.Span.Line));
        Assert.Equal("duplicate step name 'say' in phase 'p' (first used at line 2)", duplicate.Message);
        Assert.Equal(7, duplicate.IncludedFrom!.Span.Line);
    }

    [Fact]
    public void A_with_template_is_rendered_then_checked_against_the_param_type_and_included_secrets_are_masked()
    {
        Write("inventory.yaml", "inventory: one\nhosts:\n  h1: { address: 127.0.0.1, roles: [etcd] }\n");
        Write(
            "runbook.yaml",
            """
            runbook: typed
            params:
              count: { default: three }
            phases:
              - name: p
                hosts: all
                steps:
                  - include: s.yaml
                    with: { tries: "{{ params.count }}", password: hunter2 }
            """
        );
        Write(
            "s.yaml",
            "params:\n  tries: { type: int }\n  password: { secret: true }\nsteps:\n"
                + "  - name: login\n    run: login --tries {{ params.tries }} --password {{ params.password }}\n"
        );

        var error = Assert.Throws<InvalidInputException>(Compile);

        var bad = Assert.Single(error.Diagnostics);
        Assert.Equal(("RB0061", 9, 25), (bad.Code, bad.Span.Line, bad.Span.Column));
        Assert.Equal("'with: tries' renders to a value that is not a whole number: 'three'", bad.Message);
        Assert.Null(bad.IncludedFrom);

        Write("runbook.yaml", File.ReadAllText(Path.Combine(_dir, "runbook.yaml")).Replace("three", "3"));
        var step = Compile().Phases[0].Batches[0].Segments[0].Steps.Single();
        Assert.Equal("login --tries 3 --password hunter2", step.Command!.Text);
        Assert.Equal("login --tries 3 --password ***", step.Command.Display);
    }

    [Fact]
    public void Includes_nested_deeper_than_eight_are_an_error_naming_the_chain()
    {
        Write("inventory.yaml", "inventory: one\nhosts:\n  h1: { address: 127.0.0.1, roles: [etcd] }\n");
        Write(
            "runbook.yaml",
            "runbook: deep\nphases:\n  - name: p\n    hosts: all\n    steps:\n      - include: d1.yaml\n"
        );
        for (var i = 1; i <= 9; i++)
            Write($"d{i}.yaml", $"steps:\n  - {{ name: s{i}, run: echo {i} }}\n  - include: d{i + 1}.yaml\n");

        var error = Assert.Throws<InvalidInputException>(Compile);

        var deep = Assert.Single(error.Diagnostics);
        Assert.Equal("RB0122", deep.Code);
        Assert.Equal((Path.Combine(_dir, "d8.yaml"), 3, 14), (deep.Span.File, deep.Span.Line, deep.Span.Column));
        Assert.StartsWith("includes nest more than 8 deep: ", deep.Message, StringComparison.Ordinal);
        Assert.EndsWith("d8.yaml -> " + Path.Combine(_dir, "d9.yaml"), deep.Message, StringComparison.Ordinal);
        Assert.Equal(8, deep.IncludedFrom!.Chain().Count());
    }

    [Fact]
    public async Task Validate_reads_an_included_file_given_on_its_own_as_one_not_as_a_runbook()
    {
        var ok = await CliRunner.RunAsync(
            "validate",
            "tests/Runbook.Tests/Planning/Cases/includes/member-health.yaml",
            "tests/Runbook.Tests/Planning/Cases/includes/cluster-gate.yaml"
        );
        Assert.True(ok.ExitCode == 0, ok.Stderr);

        var broken = await CliRunner.RunAsync(
            "validate",
            "tests/Runbook.Tests/Validation/Cases/includes/broken-steps.yaml"
        );
        Assert.Equal(2, broken.ExitCode);
        Snapshot.Match(broken.Stderr, "Includes/broken-steps.expected.txt");
    }

    [Fact]
    public async Task Validate_as_json_lists_the_include_sites_of_a_problem_inside_an_included_file()
    {
        var result = await CliRunner.RunAsync(
            "validate",
            "--format",
            "json",
            "tests/Runbook.Tests/Validation/Cases/include-cycle.yaml"
        );

        Assert.Equal(2, result.ExitCode);
        using var json = System.Text.Json.JsonDocument.Parse(result.Stdout);
        var sites = json
            .RootElement.EnumerateArray()
            .Select(d => d.TryGetProperty("included_from", out var f) ? string.Join(" < ", f.EnumerateArray()) : "")
            .ToList();
        Assert.Equal(
            [
                "",
                "tests/Runbook.Tests/Validation/Cases/includes/cycle-a.yaml:4:14 < "
                    + "tests/Runbook.Tests/Validation/Cases/include-cycle.yaml:8:18",
            ],
            sites
        );
    }

    private Graph.ExecutionGraph Compile() =>
        RunbookEngine.Compile(Path.Combine(_dir, "runbook.yaml"), Path.Combine(_dir, "inventory.yaml"));

    private void Write(string name, string text)
    {
        var path = Path.Combine(_dir, name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }
}
