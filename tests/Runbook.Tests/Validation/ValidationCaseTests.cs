using Runbook.Tests.Support;

namespace Runbook.Tests.Validation;

/// <summary>
/// Each Cases/NAME.yaml is validated through the real CLI; the output and exit code must equal NAME.expected.txt word for
/// word: error text is a contract.
/// </summary>
public class ValidationCaseTests
{
    private const string CaseDir = "tests/Runbook.Tests/Validation/Cases";

    public static TheoryData<string> Cases()
    {
        var data = new TheoryData<string>();
        foreach (
            var file in Directory.GetFiles(Path.Combine(RepoRoot.Path, CaseDir), "*.yaml").Order(StringComparer.Ordinal)
        )
        {
            data.Add(Path.GetFileNameWithoutExtension(file));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Every_error_in_a_broken_runbook_is_reported_with_position_code_and_hint(string name)
    {
        var result = await CliRunner.RunAsync("validate", $"{CaseDir}/{name}.yaml");
        Assert.Equal(2, result.ExitCode);
        Assert.Equal(string.Empty, result.Stdout);
        Snapshot.Match(result.Stderr, $"Validation/Cases/{name}.expected.txt");
    }
}
