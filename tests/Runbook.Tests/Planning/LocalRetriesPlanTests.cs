using Runbook.Tests.Support;

namespace Runbook.Tests.Planning;

/// <summary>
/// A step on the controller says 'on local', a step with retries says how many and how far apart, and a rollout
/// written as templates over params shows its resolved values, in every plan format.
/// </summary>
public class LocalRetriesPlanTests
{
    private const string Runbook = "tests/Runbook.Tests/Planning/Cases/local-retries.yaml";

    [Theory]
    [InlineData("text", "txt")]
    [InlineData("markdown", "md")]
    [InlineData("json", "json")]
    public async Task The_plan_shows_local_steps_retries_and_the_resolved_rollout(string format, string extension)
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
        Snapshot.Match(result.Stdout, $"Planning/Cases/local-retries.plan.{extension}");
    }

    [Fact]
    public async Task A_param_given_on_the_command_line_reshapes_the_rollout_in_the_plan()
    {
        var result = await CliRunner.RunAsync(
            "plan",
            Runbook,
            "-i",
            "inventories/rke2-split-roles.yaml",
            "--param",
            "batch=1",
            "--param",
            "tolerated=0",
            "--param",
            "attempts=7",
            "--param",
            "pause=1m"
        );
        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.Contains("  serial 1 -> 3 batches, max_failures 0\n", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("Health  [run, retries 7 every 1m]", result.Stdout, StringComparison.Ordinal);
    }
}
