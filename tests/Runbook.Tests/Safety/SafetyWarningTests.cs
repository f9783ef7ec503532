using Runbook.Tests.Support;

namespace Runbook.Tests.Safety;

/// <summary>
/// The safety rules run in `runbook validate` as warnings: each Cases/NAME.yaml is validated with the split-role
/// inventory (NAME.expected.txt) and without one (NAME.no-inventory.expected.txt). Warnings alone exit 0.
/// </summary>
public class SafetyWarningTests
{
    private const string CaseDir = "tests/Runbook.Tests/Safety/Cases";

    public static TheoryData<string> Cases()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(Path.Combine(RepoRoot.Path, CaseDir), "*.yaml").Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileNameWithoutExtension(file));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Validate_with_an_inventory_warns_about_unsafe_plans_and_exits_0(string name)
    {
        var result = await CliRunner.RunAsync("validate", $"{CaseDir}/{name}.yaml", "-i", "inventories/rke2-split-roles.yaml");
        Assert.True(result.ExitCode == 0, result.Stderr);
        Snapshot.Match(result.Stdout, $"Safety/Cases/{name}.expected.txt");
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Validate_without_an_inventory_runs_the_rules_that_need_none(string name)
    {
        var result = await CliRunner.RunAsync("validate", $"{CaseDir}/{name}.yaml");
        Assert.True(result.ExitCode == 0, result.Stderr);
        Snapshot.Match(result.Stdout, $"Safety/Cases/{name}.no-inventory.expected.txt");
    }

    [Fact]
    public async Task The_shipped_runbook_has_no_safety_warnings_against_its_inventory()
    {
        var result = await CliRunner.RunAsync("validate", "runbooks/rke2-certificate-rotation.yaml", "-i", "inventories/rke2-split-roles.yaml");
        Assert.Equal(0, result.ExitCode);
        Assert.Equal("ok: 1 file valid\n", result.Stdout);
    }
}
