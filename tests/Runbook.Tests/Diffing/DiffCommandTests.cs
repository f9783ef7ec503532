using Runbook.Tests.Support;

namespace Runbook.Tests.Diffing;

public class DiffCommandTests
{
    private const string Inventory = "inventories/rke2-split-roles.yaml";

    [Fact]
    public async Task Json_output_says_whether_the_plan_changed_and_lists_risk_codes()
    {
        const string dir = "tests/Runbook.Tests/Diffing/Cases/serial-1-to-3-on-etcd";
        var result = await CliRunner.RunAsync(
            "diff",
            $"{dir}/base.yaml",
            $"{dir}/head.yaml",
            "-i",
            Inventory,
            "--format",
            "json"
        );
        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.Contains("\"changed\": true", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("\"code\": \"RB1001\"", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_exit_code_a_changed_plan_still_exits_0()
    {
        const string dir = "tests/Runbook.Tests/Diffing/Cases/gate-removed";
        var result = await CliRunner.RunAsync("diff", $"{dir}/base.yaml", $"{dir}/head.yaml", "-i", Inventory);
        Assert.Equal(0, result.ExitCode);
    }
}
