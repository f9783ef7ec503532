using Runbook.Tests.Support;

namespace Runbook.Tests.Diffing;

/// <summary>
/// Each Cases/NAME/ folder pairs a base.yaml and a head.yaml (and optionally inventory.yaml, base-inventory.yaml; else
/// the shipped split-role inventory); `runbook diff` of the two must equal expected.txt and expected.md word for word.
/// </summary>
public class DiffCaseTests
{
    private const string CaseDir = "tests/Runbook.Tests/Diffing/Cases";

    public static TheoryData<string> Cases()
    {
        var data = new TheoryData<string>();
        foreach (
            var dir in Directory.GetDirectories(Path.Combine(RepoRoot.Path, CaseDir)).Order(StringComparer.Ordinal)
        )
        {
            data.Add(Path.GetFileName(dir));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task The_text_diff_of_two_runbook_versions_matches_the_expected_output(string name)
    {
        var result = await CliRunner.RunAsync([.. Arguments(name), "--exit-code"]);
        Assert.True(result.Stderr.Length == 0, result.Stderr);
        Snapshot.Match(result.Stdout, $"Diffing/Cases/{name}/expected.txt");
        var unchanged = result.Stdout.Contains("\nno change to the plan\n", StringComparison.Ordinal);
        Assert.Equal(unchanged ? 0 : 1, result.ExitCode);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task The_markdown_diff_of_two_runbook_versions_matches_the_expected_comment(string name)
    {
        var result = await CliRunner.RunAsync([.. Arguments(name), "--format", "markdown"]);
        Assert.True(result.ExitCode == 0, result.Stderr);
        Snapshot.Match(result.Stdout, $"Diffing/Cases/{name}/expected.md");
    }

    private static string[] Arguments(string name)
    {
        var dir = $"{CaseDir}/{name}";
        var inventory = File.Exists($"{dir}/inventory.yaml")
            ? $"{dir}/inventory.yaml"
            : "inventories/rke2-split-roles.yaml";
        string[] baseInventory = File.Exists($"{dir}/base-inventory.yaml")
            ? ["--base-inventory", $"{dir}/base-inventory.yaml"]
            : [];
        return ["diff", $"{dir}/base.yaml", $"{dir}/head.yaml", "-i", inventory, .. baseInventory];
    }
}
