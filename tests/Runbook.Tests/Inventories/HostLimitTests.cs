using Runbook.Diagnostics;
using Runbook.Inventories;
using Runbook.Model;
using Runbook.Tests.Inventories.Oracle;

namespace Runbook.Tests.Inventories;

/// <summary>
/// The engine side of --limit: Runbook selectors and Ansible host patterns over an inventory. The pattern results are
/// what `ansible PATTERN --list-hosts` prints for AnsibleCorpus/host-patterns (AnsibleHostPatternOracleTests checks
/// them against Ansible itself); a limit keeps inventory order.
/// </summary>
public class HostLimitTests
{
    private static readonly Lazy<InventoryDefinition> Inventory = new(() =>
    {
        var diagnostics = new DiagnosticBag();
        var inventory = InventoryLoader.Load(AnsibleCorpus.Sources("host-patterns"), diagnostics);
        Assert.False(diagnostics.HasErrors, string.Join("\n", diagnostics.ToSortedList()));
        return inventory!;
    });

    public static TheoryData<string, string> Patterns => HostPatternCases.Patterns;

    [Theory]
    [MemberData(nameof(Patterns))]
    public void Ansible_host_patterns_select_what_ansible_selects_in_its_order(string pattern, string expected)
    {
        var parsed = AnsibleHostPattern.Parse(pattern, out var error);
        Assert.NotNull(parsed);
        Assert.Null(error);
        Assert.Equal(expected, string.Join(' ', parsed.Evaluate(Inventory.Value, out _) ?? []));
    }

    [Theory]
    [InlineData("stack:!web", "db1 db2 lb1")]
    [InlineData("role=db and var.zone=b", "db2")]
    [InlineData("var.engine=postgres", "db1 db2")]
    [InlineData("role in (zone_a, ungrouped)", "solo web1 db1")]
    [InlineData("name=web* and not role=zone_a", "web2 web3")]
    [InlineData("all", "solo web1 web2 web3 db1 db2 lb1 2001:db8::1 2001:db8::2")]
    public void A_limit_is_a_selector_or_a_host_pattern_and_keeps_inventory_order(string limit, string expected)
    {
        var diagnostics = new DiagnosticBag();
        var parsed = HostLimit.Parse(limit, diagnostics);
        var hosts = parsed!.Apply(Inventory.Value, diagnostics);
        Assert.False(diagnostics.HasErrors, string.Join("\n", diagnostics.ToSortedList()));
        Assert.Equal(expected, string.Join(' ', hosts.Select(h => h.Name)));
        Assert.Equal(limit, parsed.ToString());
        var selector =
            limit.Contains('=', StringComparison.Ordinal) || limit.Contains(" in (", StringComparison.Ordinal);
        Assert.Equal(selector, parsed.IsSelector);
    }

    [Theory]
    [InlineData("nosuch", "RB0033", "limit 'nosuch' matches no host in inventory 'inventory'")]
    [InlineData("web:&db", "RB0033", "limit 'web:&db' matches no host in inventory 'inventory'")]
    [InlineData(
        "web[5]",
        "RB0033",
        "limit 'web[5]': 'web[5]' asks for host 5 of 3, which does not exist " + "(the first is [0])"
    )]
    [InlineData("role=nosuch", "RB0033", "limit 'role=nosuch' matches no host in inventory 'inventory'")]
    public void A_limit_that_matches_nothing_is_an_error(string limit, string code, string message)
    {
        var diagnostics = new DiagnosticBag();
        var hosts = HostLimit.Parse(limit, diagnostics)!.Apply(Inventory.Value, diagnostics);
        Assert.Empty(hosts);
        var d = Assert.Single(diagnostics.ToSortedList());
        Assert.Equal((code, message, HostLimit.Origin), (d.Code, d.Message, d.Span.File));
    }

    [Theory]
    [InlineData("", "the limit is empty")]
    [InlineData("role=", "bad limit 'role=': expected a value, found the end of the selector")]
    [InlineData("~web(", "bad limit '~web(': 'web(' is not a regular expression: ")]
    [InlineData(",", "bad limit ',': it names no group or host")]
    [InlineData("web:!", "bad limit 'web:!': '!' names no group or host")]
    public void A_limit_that_cannot_be_read_is_a_bad_limit(string limit, string message)
    {
        var diagnostics = new DiagnosticBag();
        Assert.Null(HostLimit.Parse(limit, diagnostics));
        var d = Assert.Single(diagnostics.ToSortedList());
        Assert.Equal("RB0032", d.Code);
        Assert.StartsWith(message, d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_prefix_of_a_limit_is_read_and_applied_without_throwing()
    {
        const string Text = "web[0:1],~^(db|lb)[0-9]+:&stack:!db2:role=web and var.zone in (a, b*)";
        for (var i = 0; i <= Text.Length; i++)
        {
            var diagnostics = new DiagnosticBag();
            HostLimit.Parse(Text[..i], diagnostics)?.Apply(Inventory.Value, diagnostics);
        }
    }
}
