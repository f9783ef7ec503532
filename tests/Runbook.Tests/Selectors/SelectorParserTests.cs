using Runbook.Diagnostics;
using Runbook.Model;
using Runbook.Parsing;
using Runbook.Selectors;

namespace Runbook.Tests.Selectors;

public class SelectorParserTests
{
    private static readonly HostDefinition[] Hosts =
    [
        Host("etcd-1", ["etcd"], "a"),
        Host("etcd-2", ["etcd"], "b"),
        Host("cp-1", ["control-plane"], "a"),
        Host("cp-2", ["control-plane", "etcd"], "b"),
        Host("worker-1", ["worker"], "a"),
    ];

    [Theory]
    [InlineData("role=etcd", "role=etcd", "etcd-1 etcd-2 cp-2")]
    [InlineData("role!=worker", "role!=worker", "etcd-1 etcd-2 cp-1 cp-2")]
    [InlineData("role in (etcd, control-plane)", "role in (etcd, control-plane)", "etcd-1 etcd-2 cp-1 cp-2")]
    [InlineData("role not in (etcd,worker)", "role not in (etcd, worker)", "cp-1")]
    [InlineData("label.zone=a", "label.zone=a", "etcd-1 cp-1 worker-1")]
    [InlineData("name=cp-*", "name=cp-*", "cp-1 cp-2")]
    [InlineData("role=etcd and not role=control-plane", "role=etcd and not role=control-plane", "etcd-1 etcd-2")]
    [InlineData(
        "(role=etcd or role=worker) and label.zone=a",
        "(role=etcd or role=worker) and label.zone=a",
        "etcd-1 worker-1"
    )]
    [InlineData(
        "role=etcd or role=worker and label.zone=b",
        "role=etcd or role=worker and label.zone=b",
        "etcd-1 etcd-2 cp-2"
    )]
    [InlineData("all", "all", "etcd-1 etcd-2 cp-1 cp-2 worker-1")]
    [InlineData("name='etcd-?'", "name=etcd-?", "etcd-1 etcd-2")]
    public void Selectors_select_the_hosts_they_describe_and_print_canonically(
        string text,
        string canonical,
        string expected
    )
    {
        var bag = new DiagnosticBag();
        var selector = SelectorParser.Parse(text, new SourceSpan("t.yaml", 1, 1), bag);
        Assert.False(bag.HasErrors);
        Assert.Equal(canonical, selector!.ToString());
        Assert.Equal(expected, string.Join(' ', selector.Select(Hosts).Select(h => h.Name)));
    }

    [Theory]
    [InlineData("role=", 6, "bad selector 'role=': expected a value, found the end of the selector")]
    [InlineData(
        "etcd",
        1,
        "bad selector 'etcd': unknown field 'etcd'; use role, name or label.KEY (for a role, write role=etcd)"
    )]
    [InlineData(
        "role=etcd and",
        14,
        "bad selector 'role=etcd and': expected a field (role, name or label.KEY), found the end of the selector"
    )]
    [InlineData(
        "role in (etcd",
        14,
        "bad selector 'role in (etcd': expected ')' or ',' in the list, found the end of the selector"
    )]
    [InlineData("(role=etcd", 11, "bad selector '(role=etcd': expected ')', found the end of the selector")]
    [InlineData("role=etcd)", 10, "bad selector 'role=etcd)': expected the end of the selector, found ')'")]
    [InlineData(
        "role ~ etcd",
        6,
        "bad selector 'role ~ etcd': expected '=', '!=', 'in' or 'not in' after 'role', found '~', which selectors "
            + "do not use"
    )]
    public void Bad_selectors_are_reported_at_the_offending_column(string text, int column, string message)
    {
        var bag = new DiagnosticBag();
        Assert.Null(SelectorParser.Parse(text, new SourceSpan("t.yaml", 3, 12), bag));
        var d = Assert.Single(bag.ToSortedList());
        Assert.Equal("RB0030", d.Code);
        Assert.Equal(message, d.Message);
        Assert.Equal((3, 11 + column), (d.Span.Line, d.Span.Column));
    }

    [Theory]
    [InlineData("any(role=etcd)", TargetMode.Any, "role=etcd")]
    [InlineData("all( role in (etcd, worker) )", TargetMode.All, "role in (etcd, worker)")]
    [InlineData("role=worker", TargetMode.Each, "role=worker")]
    public void Targets_wrap_a_selector_in_any_or_all(string text, TargetMode mode, string selector)
    {
        var bag = new DiagnosticBag();
        var target = HostTargetParser.Parse(text, new SourceSpan("t.yaml", 1, 1), bag);
        Assert.False(bag.HasErrors);
        Assert.Equal(mode, target!.Mode);
        Assert.Equal(selector, target.Selector.ToString());
    }

    private static HostDefinition Host(string name, string[] roles, string zone) =>
        new(
            name,
            name,
            22,
            null,
            roles,
            new SortedDictionary<string, string>(StringComparer.Ordinal) { ["zone"] = zone },
            new Dictionary<string, object?>(),
            null,
            null,
            new SourceSpan("inv.yaml", 1, 1)
        );
}
