using Runbook.Diagnostics;
using Runbook.Inventories;
using Runbook.Parsing;
using Runbook.Tests.Inventories.Oracle;

namespace Runbook.Tests.Inventories;

/// <summary>Plain scalars of Ansible's YAML files, resolved as PyYAML resolves them (YAML 1.1).</summary>
public class Yaml11Tests
{
    [Theory]
    [InlineData("yes", "true")]
    [InlineData("No", "false")]
    [InlineData("ON", "true")]
    [InlineData("off", "false")]
    [InlineData("y", "\"y\"")]
    [InlineData("0755", "493")]
    [InlineData("0o17", "\"0o17\"")]
    [InlineData("0x1F", "31")]
    [InlineData("0b1010", "10")]
    [InlineData("1:30", "90")]
    [InlineData("-1:30", "-90")]
    [InlineData("1_000", "1000")]
    [InlineData("08", "\"08\"")]
    [InlineData("1e3", "\"1e3\"")]
    [InlineData("1.0e+3", "1000.0")]
    [InlineData(".5", "0.5")]
    [InlineData("685_230.15", "685230.15")]
    [InlineData("~", "null")]
    [InlineData("Null", "null")]
    [InlineData("2001-12-14", "\"2001-12-14\"")]
    [InlineData("10.0.0.1", "\"10.0.0.1\"")]
    public void Plain_scalars_take_their_yaml_1_1_type(string text, string expected) =>
        Assert.Equal(expected, InventoryView.Canonical(Yaml11.Value(Plain(text))));

    private static ScalarSyntax Plain(string text) => new(new SourceSpan("t", 1, 1), text, ScalarStyle.Plain);

    [Fact]
    public void Quoted_scalars_are_strings() =>
        Assert.Equal("yes", Yaml11.Value(new ScalarSyntax(new SourceSpan("t", 1, 1), "yes", ScalarStyle.Quoted)));

    [Fact]
    public void Merge_keys_bring_in_anchored_mappings_and_keys_beside_them_win()
    {
        const string Yaml = """
            all:
              vars:
                base: &base { a: 1, b: 2 }
                more: &more { b: 3, c: 4 }
                one: { <<: *base, b: 9 }
                two: { <<: [*more, *base] }
              hosts:
                h1:
            """;
        var diagnostics = new DiagnosticBag();
        var inventory = InventoryLoader.Load(new SourceText("merge.yaml", Yaml), diagnostics);
        Assert.False(diagnostics.HasErrors, string.Join("\n", diagnostics.ToSortedList()));
        var vars = inventory!.Hosts[0].Vars;
        Assert.Equal("{\"a\": 1, \"b\": 9}", InventoryView.Canonical(vars["one"]));
        Assert.Equal("{\"a\": 1, \"b\": 3, \"c\": 4}", InventoryView.Canonical(vars["two"]));
    }

    [Fact]
    public void A_merge_key_that_is_not_a_mapping_is_reported_where_it_is()
    {
        const string Yaml = "all:\n  vars:\n    one: { <<: 3 }\n  hosts:\n    h1:\n";
        var diagnostics = new DiagnosticBag();
        Assert.Null(InventoryLoader.Load(new SourceText("merge.yaml", Yaml), diagnostics));
        var d = Assert.Single(diagnostics.ToSortedList());
        Assert.Equal(("RB0013", 3, 16), (d.Code, d.Span.Line, d.Span.Column));
    }
}
