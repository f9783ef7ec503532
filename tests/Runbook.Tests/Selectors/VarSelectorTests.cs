using Runbook.Diagnostics;
using Runbook.Model;
using Runbook.Selectors;
using Runbook.Tests.Support;

namespace Runbook.Tests.Selectors;

public class VarSelectorTests
{
    private static readonly HostDefinition[] Hosts =
    [
        TestInputs.Host(
            "w1",
            ["workers"],
            Vars(("zone", "b"), ("port", 8080L), ("ssd", true), ("net", Vars(("dc", "fra"))))
        ),
        TestInputs.Host("w2", ["workers"], Vars(("zone", "a"), ("port", 9090L), ("ssd", false), ("ratio", 0.5))),
        TestInputs.Host("w3", ["workers"], Vars(("zone", "b1"), ("tags", new List<object?> { "x" }))),
        TestInputs.Host("loner", [], Vars()),
    ];

    [Theory]
    [InlineData("var.zone=b", "var.zone=b", "w1")]
    [InlineData("var.zone=b*", "var.zone=b*", "w1 w3")]
    [InlineData("var.zone!=b", "var.zone!=b", "w2 w3 loner")]
    [InlineData("var.zone in (a, b1)", "var.zone in (a, b1)", "w2 w3")]
    [InlineData("var.port=8080", "var.port=8080", "w1")]
    [InlineData("var.ssd=true", "var.ssd=true", "w1")]
    [InlineData("var.ssd=false", "var.ssd=false", "w2")]
    [InlineData("var.ratio=0.5", "var.ratio=0.5", "w2")]
    [InlineData("var.net.dc=fra", "var.net.dc=fra", "w1")]
    [InlineData("var.tags=*", "var.tags=*", "")]
    [InlineData("var.tags!=x", "var.tags!=x", "w1 w2 w3 loner")]
    [InlineData("role=workers and var.zone=a", "role=workers and var.zone=a", "w2")]
    public void Var_selectors_compare_a_host_var_as_text_with_globs(string text, string canonical, string expected)
    {
        var bag = new DiagnosticBag();
        var selector = SelectorParser.Parse(text, new SourceSpan("t.yaml", 1, 1), bag);
        Assert.False(bag.HasErrors, string.Join("\n", bag.ToSortedList()));
        Assert.Equal(canonical, selector!.ToString());
        Assert.Equal(expected, string.Join(' ', selector.Select(Hosts).Select(h => h.Name)));
    }

    [Theory]
    [InlineData("role=all", "w1 w2 w3 loner")]
    [InlineData("role=ungrouped", "loner")]
    [InlineData("role!=ungrouped", "w1 w2 w3")]
    [InlineData("role in (ungrouped, workers)", "w1 w2 w3 loner")]
    [InlineData("role=*", "w1 w2 w3")]
    public void All_and_ungrouped_are_roles_as_in_ansible_but_globs_do_not_reach_them(string text, string expected)
    {
        var bag = new DiagnosticBag();
        var selector = SelectorParser.Parse(text, new SourceSpan("t.yaml", 1, 1), bag);
        Assert.Equal(expected, string.Join(' ', selector!.Select(Hosts).Select(h => h.Name)));
    }

    private static Dictionary<string, object?> Vars(params (string Key, object? Value)[] vars) =>
        vars.ToDictionary(v => v.Key, v => v.Value, StringComparer.Ordinal);
}
