using Runbook.Diagnostics;
using Runbook.Inventories;

namespace Runbook.Tests.Inventories.Oracle;

/// <summary>
/// Host patterns select what the real Ansible selects, in the same order: every pattern of HostLimitTests, given to
/// `ansible PATTERN -i AnsibleCorpus/host-patterns --list-hosts`. Starts ansible (Debian's ansible-core, installed by
/// tests/run).
/// </summary>
public class AnsibleHostPatternOracleTests
{
    public static TheoryData<string> Patterns => [.. HostPatternCases.Patterns.Select(row => (string)row[0])];

    [Theory]
    [MemberData(nameof(Patterns))]
    public void Host_patterns_select_what_ansible_selects(string pattern)
    {
        Assert.True(AnsibleOracle.IsInstalled, "ansible is not installed: tests/run installs Debian's ansible-core");
        var sources = AnsibleCorpus.Sources("host-patterns");
        var expected = AnsibleOracle.ListHosts(sources, pattern);
        var diagnostics = new DiagnosticBag();
        var inventory = InventoryLoader.Load(sources, diagnostics)!;
        var actual = AnsibleHostPattern.Parse(pattern, out _)!.Evaluate(inventory, out _) ?? [];
        Assert.Equal(string.Join(' ', expected), string.Join(' ', actual));
    }
}
