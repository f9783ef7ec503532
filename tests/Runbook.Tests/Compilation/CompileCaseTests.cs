using Runbook.Tests.Support;

namespace Runbook.Tests.Compilation;

/// <summary>
/// Each Cases/NAME.yaml is validated through the real CLI against inventories/etcd-cluster.yaml, so it is also
/// compiled: for mistakes only an inventory shows. The output and exit code must equal NAME.expected.txt word for word.
/// </summary>
public class CompileCaseTests
{
    private const string CaseDir = "tests/Runbook.Tests/Compilation/Cases";

    public static TheoryData<string> Cases() =>
        [
            .. Directory
                .GetFiles(Path.Combine(RepoRoot.Path, CaseDir), "*.yaml")
                .Order(StringComparer.Ordinal)
                .Select(f => Path.GetFileNameWithoutExtension(f)),
        ];

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task A_runbook_that_does_not_fit_the_inventory_is_reported_not_crashed(string name)
    {
        var result = await CliRunner.RunAsync(
            "validate",
            $"{CaseDir}/{name}.yaml",
            "-i",
            "inventories/etcd-cluster.yaml"
        );
        Assert.Equal(2, result.ExitCode);
        Snapshot.Match(result.Stderr, $"Compilation/Cases/{name}.expected.txt");
    }
}
