using Runbook.Tests.Support;

namespace Runbook.Tests.Planning;

/// <summary>Preconditions, on_failure and finally in the text, markdown and JSON plans.</summary>
public class CleanupPlanTests
{
    private const string Runbook = "tests/Runbook.Tests/Planning/Cases/cleanup.yaml";

    [Theory]
    [InlineData("text", "txt")]
    [InlineData("markdown", "md")]
    [InlineData("json", "json")]
    public async Task The_plan_shows_preconditions_first_and_each_hosts_clean_up_after_its_steps(
        string format,
        string extension
    )
    {
        var result = await CliRunner.RunAsync(
            "plan",
            Runbook,
            "-i",
            "inventories/rke2-split-roles.yaml",
            "--format",
            format
        );
        Assert.True(result.ExitCode == 0, result.Stderr);
        Snapshot.Match(result.Stdout, $"Planning/Cases/cleanup.plan.{extension}");
    }
}
