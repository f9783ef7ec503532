using Runbook.Diffing;
using Runbook.Tests.Support;

namespace Runbook.Tests.Diffing;

/// <summary>
/// A new runbook has no base: <c>runbook diff /dev/null HEAD:x.yaml</c> (the case new-runbook does it with an empty
/// file) shows every phase and step as added, the params, and the risk notes of the new plan; the base has no hash.
/// </summary>
public class NewRunbookDiffTests
{
    private const string Head = "tests/Runbook.Tests/Diffing/Cases/new-runbook/head.yaml";

    [Fact]
    public async Task Dev_null_as_the_base_gives_the_same_diff_as_an_empty_file_with_the_base_named()
    {
        var devNull = await CliRunner.RunAsync("diff", "/dev/null", Head, "-i", "inventories/rke2-split-roles.yaml");
        var empty = await CliRunner.RunAsync(
            "diff",
            "tests/Runbook.Tests/Diffing/Cases/new-runbook/base.yaml",
            Head,
            "-i",
            "inventories/rke2-split-roles.yaml"
        );
        Assert.True(devNull.ExitCode == 0, devNull.Stderr);
        Assert.Equal(
            empty.Stdout.Replace("tests/Runbook.Tests/Diffing/Cases/new-runbook/base.yaml", "/dev/null"),
            devNull.Stdout
        );
        Assert.Contains("phase 1 workers: added", devNull.Stdout, StringComparison.Ordinal);
        Assert.Contains("+ param unit = rke2-agent (default)", devNull.Stdout, StringComparison.Ordinal);
        Assert.Contains("warning RB1002:", devNull.Stdout, StringComparison.Ordinal);
        Assert.Matches(@"\nplan hash sha256:[0-9a-f]{64} \(base none: a new runbook\)\n$", devNull.Stdout);
    }

    [Fact]
    public async Task A_new_runbook_diffed_as_json_is_changed_with_every_phase_added()
    {
        var json = await CliRunner.RunAsync(
            "diff",
            "/dev/null",
            Head,
            "-i",
            "inventories/rke2-split-roles.yaml",
            "--format",
            "json",
            "--exit-code"
        );
        Assert.Equal(1, json.ExitCode);
        Assert.Contains("\"status\": \"added\"", json.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("\"status\": \"changed\"", json.Stdout, StringComparison.Ordinal);
    }
}

/// <summary>The line diff a refused reviewed plan prints: hunks of changes with three lines of context.</summary>
public class UnifiedDiffTests
{
    [Fact]
    public void Only_changed_lines_and_their_context_are_shown_with_an_ellipsis_between_hunks()
    {
        var before = Enumerable.Range(1, 40).Select(i => $"line {i}").ToList();
        var after = before.ToList();
        after[4] = "line five";
        after[30] = "line thirty-one";
        var lines = UnifiedDiff.Compare(before, after, maxLines: 100);
        var text = lines.Select(l => $"{l.Mark}{l.Text}").ToList();
        Assert.Equal(
            [
                "=line 2", "=line 3", "=line 4", "-line 5", "+line five", "=line 6", "=line 7", "=line 8", " …",
                "=line 28", "=line 29", "=line 30", "-line 31", "+line thirty-one", "=line 32", "=line 33",
                "=line 34",
            ],
            text
        );
    }

    [Fact]
    public void Insertions_and_deletions_are_found_and_the_output_is_capped()
    {
        string[] before = ["a", "b", "c", "d"];
        string[] after = ["a", "x", "c", "d", "e"];
        var text = UnifiedDiff.Compare(before, after, maxLines: 100).Select(l => $"{l.Mark}{l.Text}");
        Assert.Equal(["=a", "-b", "+x", "=c", "=d", "+e"], text);

        var many = Enumerable.Range(0, 500).Select(i => $"{i}").ToList();
        var capped = UnifiedDiff.Compare(many, many.Select(l => l + "!").ToList(), maxLines: 10);
        Assert.Equal(11, capped.Count);
        Assert.Equal(" … 990 more changed lines not shown", $"{capped[^1].Mark}{capped[^1].Text}");
    }
}
