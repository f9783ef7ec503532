using Runbook.Diagnostics;
using Runbook.Inventories;
using Xunit.Abstractions;

namespace Runbook.Tests.Inventories.Oracle;

/// <summary>
/// Runbook reads every inventory of AnsibleCorpus/ as the real ansible-inventory does (see <see cref="InventoryView"/>
/// for what is compared). Starts ansible-inventory and ansible, which tests/run installs (Debian's ansible-core).
/// </summary>
public class AnsibleInventoryOracleTests(ITestOutputHelper output)
{
    private const string NotInstalled = "ansible-inventory is not installed: tests/run installs Debian's ansible-core";

    public static TheoryData<string> Cases => [.. AnsibleCorpus.Cases];

    [Theory]
    [MemberData(nameof(Cases))]
    public void Runbook_reads_the_corpus_inventory_as_ansible_inventory_does(string name)
    {
        Assert.True(AnsibleOracle.IsInstalled, NotInstalled);
        var (expected, actual) = Compare(name);
        output.WriteLine($"--- ansible-inventory\n{expected}--- runbook\n{actual}");
        Assert.Equal(expected, actual);
    }

    /// <summary>The conformance score, for the record: how many corpus cases read identically.</summary>
    [Fact]
    public void Conformance_score_is_every_case_of_the_corpus()
    {
        Assert.True(AnsibleOracle.IsInstalled, NotInstalled);
        var cases = AnsibleCorpus.Cases.ToList();
        var different = cases.Where(name => Compare(name) is var (e, a) && e != a).ToList();
        var identical = cases.Count - different.Count;
        output.WriteLine($"conformance: {identical} of {cases.Count} identical to ansible-inventory --list");
        Assert.Empty(different);
    }

    private static (string Expected, string Actual) Compare(string name)
    {
        var sources = AnsibleCorpus.Sources(name);
        var list = AnsibleOracle.List(sources);
        var templated = list.ToJsonString().Contains("{{", StringComparison.Ordinal);
        var expected = InventoryView.FromAnsible(list, templated ? AnsibleOracle.Rendered(sources) : null).ToString();
        var diagnostics = new DiagnosticBag();
        var inventory = InventoryLoader.Load(sources, diagnostics);
        var actual = inventory is null
            ? "errors:\n" + string.Join("\n", diagnostics.ToSortedList()) + "\n"
            : RunbookInventoryView.From(inventory).ToString();
        return (expected, actual);
    }
}
