using Runbook.Tests.Support;

namespace Runbook.Tests.Diffing;

/// <summary>
/// <c>runbook diff</c> with a git revision (<c>REV:PATH</c>) as one side. Reading a revision runs <c>git show</c>, a
/// separate process, so these live with the tests that start processes, not in the fast suite.
/// </summary>
public class DiffCommandRevisionTests
{
    private const string Shipped = "runbooks/rke2-certificate-rotation.yaml";
    private const string Inventory = "inventories/rke2-split-roles.yaml";

    [Fact]
    public async Task A_git_revision_of_the_shipped_runbook_diffs_against_the_working_file_as_no_change()
    {
        var result = await CliRunner.RunAsync("diff", $"HEAD:{Shipped}", Shipped, "-i", Inventory, "--exit-code");
        Assert.True(result.ExitCode == 0, result.Stdout + result.Stderr);
        Assert.Equal(
            $"runbook diff rke2-certificate-rotation (inventory rke2-split-roles)\n  base HEAD:{Shipped}\n  head "
                + $"{Shipped}\nno change to the plan\n",
            result.Stdout[..result.Stdout.IndexOf("plan hash ", StringComparison.Ordinal)]
        );

        // The revision and the working file are the same bytes: one plan hash on both sides.
        Assert.Matches(@"\nplan hash (sha256:[0-9a-f]{64}) \(base \1\)\n$", result.Stdout);
    }

    [Fact]
    public async Task An_unknown_git_revision_is_a_diagnostic_naming_it_and_exits_2()
    {
        var result = await CliRunner.RunAsync("diff", $"no-such-revision-xyz:{Shipped}", Shipped, "-i", Inventory);
        Assert.Equal(2, result.ExitCode);
        Assert.Equal(string.Empty, result.Stdout);
        Assert.StartsWith(
            $"no-such-revision-xyz:{Shipped}: error RB0007: git cannot read 'no-such-revision-xyz:{Shipped}': ",
            result.Stderr,
            StringComparison.Ordinal
        );
    }

    [Fact]
    public async Task A_path_missing_at_a_git_revision_is_a_diagnostic_and_exits_2()
    {
        var result = await CliRunner.RunAsync("diff", "HEAD:runbooks/no-such-runbook.yaml", Shipped, "-i", Inventory);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains(
            "error RB0007: git cannot read 'HEAD:runbooks/no-such-runbook.yaml'",
            result.Stderr,
            StringComparison.Ordinal
        );
    }
}
