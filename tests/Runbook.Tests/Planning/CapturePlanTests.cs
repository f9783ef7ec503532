using Runbook.Tests.Support;

namespace Runbook.Tests.Planning;

/// <summary>Captures exist only at run time: the plan shows where they go as placeholders and marks the steps.</summary>
public class CapturePlanTests
{
    private const string Runbook = "tests/Runbook.Tests/Planning/Cases/captures.yaml";

    [Fact]
    public async Task The_plan_shows_captured_values_as_placeholders_and_marks_steps_and_conditions_resolved_at_run_time()
    {
        var result = await CliRunner.RunAsync("plan", Runbook, "-i", "inventories/rke2-split-roles.yaml");
        Assert.True(result.ExitCode == 0, result.Stderr);
        Snapshot.Match(result.Stdout, "Planning/Cases/captures.plan.txt");
    }

    [Fact]
    public async Task The_json_plan_lists_what_a_step_captures_and_reads_at_run_time()
    {
        var result = await CliRunner.RunAsync(
            "plan",
            Runbook,
            "-i",
            "inventories/rke2-split-roles.yaml",
            "--format",
            "json"
        );
        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.Contains(
            "\"capture\":\"node_name\"",
            result.Stdout.Replace(" ", string.Empty, StringComparison.Ordinal),
            StringComparison.Ordinal
        );
        Assert.Contains(
            "\"runtime\":[\"captures.kubelet\",\"captures.node_name\"]",
            result
                .Stdout.Replace(" ", string.Empty, StringComparison.Ordinal)
                .Replace("\n", string.Empty, StringComparison.Ordinal),
            StringComparison.Ordinal
        );
        Assert.Contains(
            "\"when_at_run_time\":true",
            result.Stdout.Replace(" ", string.Empty, StringComparison.Ordinal),
            StringComparison.Ordinal
        );
    }
}
