using Runbook.Diagnostics;
using Runbook.Inventories;

namespace Runbook.Tests.Inventories;

public class InventoryRobustnessTests
{
    private static readonly string[] Insertions = ["[", "\"", ":", "=", "\n  "];

    public static TheoryData<string> Files() => [.. CaseNames()];

    private static IEnumerable<string> CaseNames() =>
        Directory
            .GetFiles(RepositoryFiles.Cases)
            .Select(file => Path.GetFileName(file))
            .Where(name => !name.StartsWith('.') && !name.EndsWith(".expected.txt", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal);

    /// <summary>Every prefix of every case, and every case with a troublesome character inserted anywhere, loads without throwing.</summary>
    [Theory]
    [MemberData(nameof(Files))]
    public void Loading_never_throws_on_truncated_or_garbled_input(string name)
    {
        var text = File.ReadAllText(RepositoryFiles.Case(name));
        for (var i = 0; i <= text.Length; i++)
        {
            Load(name, text[..i]);
            foreach (var insertion in Insertions)
                Load(name, text.Insert(i, insertion));
        }
    }

    [Fact]
    public void Every_case_file_has_an_expected_result()
    {
        foreach (var name in CaseNames())
        {
            var expected = Path.GetFileNameWithoutExtension(name) + ".expected.txt";
            Assert.True(File.Exists(RepositoryFiles.Case(expected)), $"{name} has no {expected}");
        }
    }

    private static void Load(string name, string text)
    {
        var diagnostics = new DiagnosticBag();
        var inventory = InventoryLoader.Load(new SourceText(name, text), diagnostics);
        Assert.True(
            inventory is null == diagnostics.HasErrors,
            $"{name}: a result must come exactly when there is no error"
        );
    }
}
