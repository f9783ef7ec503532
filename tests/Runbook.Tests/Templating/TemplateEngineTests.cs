using Runbook.Diagnostics;
using Runbook.Model;
using Runbook.Templating;

namespace Runbook.Tests.Templating;

public class TemplateEngineTests
{
    private static readonly TemplateScope Scope = new TemplateScope()
        .Set(
            "vars",
            TemplateValues.Map(
                "vars",
                new Dictionary<string, object?>
                {
                    ["unit"] = "rke2-server",
                    ["evil"] = "x; rm -rf /",
                    ["quote"] = "it's",
                    ["files"] = new List<object?> { "/etc/a b.crt", "/etc/c.crt" },
                    ["one"] = "1",
                    ["port"] = 22L,
                }
            )
        )
        .Set(
            "host",
            TemplateValues.Map(
                "host",
                new Dictionary<string, object?>
                {
                    ["name"] = "etcd-1",
                    ["roles"] = new List<object?> { "etcd", "control-plane" },
                    ["labels"] = new Dictionary<string, object?> { ["topology-zone"] = "a" },
                    ["vars"] = new Dictionary<string, object?>(),
                }
            )
        );

    [Theory]
    [InlineData("systemctl stop {{ vars.unit }}", "systemctl stop rke2-server")]
    [InlineData("echo {{ vars.evil }}", "echo 'x; rm -rf /'")]
    [InlineData("echo {{ vars.quote }}", "echo 'it'\"'\"'s'")]
    [InlineData("echo {{ vars.evil | raw }}", "echo x; rm -rf /")]
    [InlineData("ls {{ vars.files | shjoin }}", "ls '/etc/a b.crt' /etc/c.crt")]
    [InlineData("echo {{ host.vars.zone | default: 'a' }}", "echo a")]
    [InlineData("{% if host.vars.drain %}drain{% else %}keep{% endif %}", "keep")]
    public void Interpolated_values_are_shell_quoted_unless_raw(string template, string expected)
    {
        var bag = new DiagnosticBag();
        var compiled = TemplateEngine.Parse(new TemplateText(template, new SourceSpan("t.yaml", 1, 1)), bag);
        Assert.Equal(expected, new TemplateEngine().Render(compiled!, Scope, bag));
        Assert.False(bag.HasErrors);
    }

    [Fact]
    public void A_missing_member_is_an_error_at_its_position_not_an_empty_string()
    {
        var bag = new DiagnosticBag();
        var compiled = TemplateEngine.Parse(
            new TemplateText("echo {{ host.vars.zone }}", new SourceSpan("t.yaml", 4, 10)),
            bag
        );
        Assert.Null(new TemplateEngine().Render(compiled!, Scope, bag));
        var d = Assert.Single(bag.ToSortedList());
        Assert.Equal(("RB0054", 4, 18), (d.Code, d.Span.Line, d.Span.Column));
        Assert.Equal("'host.vars.zone' is not defined for the runbook", d.Message);
    }

    [Fact]
    public void A_template_syntax_error_points_into_the_yaml_file()
    {
        var bag = new DiagnosticBag();
        Assert.Null(TemplateEngine.Parse(new TemplateText("echo {{ vars.unit ", new SourceSpan("t.yaml", 7, 14)), bag));
        var d = Assert.Single(bag.ToSortedList());
        Assert.Equal("RB0053", d.Code);
        Assert.Equal(7, d.Span.Line);
        Assert.StartsWith("template syntax error: End of tag '}}' was expected", d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_runaway_template_stops_at_the_step_limit()
    {
        var bag = new DiagnosticBag();
        var compiled = TemplateEngine.Parse(
            new TemplateText("{% for i in (1..1000000) %}x{% endfor %}", new SourceSpan("t.yaml", 1, 1)),
            bag
        );
        Assert.Null(new TemplateEngine().Render(compiled!, Scope, bag));
        Assert.Contains(
            bag.ToSortedList(),
            d => d.Code == "RB0054" && d.Message.Contains("more than 100,000 steps", StringComparison.Ordinal)
        );
    }

    [Fact]
    public void Analysis_finds_context_names_but_not_loop_variables()
    {
        var bag = new DiagnosticBag();
        var compiled = TemplateEngine.Parse(
            new TemplateText(
                "{% for h in hosts %}{{ h.address }}:{{ params.port }}{% endfor %} {{ vars.x | upcase }}",
                new SourceSpan("t.yaml", 1, 1)
            ),
            bag
        );
        Assert.Equal(["hosts", "params", "vars"], compiled!.Analysis.Roots);
        Assert.Equal(TemplateDependency.Static, compiled.Analysis.Dependency);
        Assert.Contains("upcase", compiled.Analysis.Filters);
    }

    [Theory]
    [InlineData("{% capture c %}{{ vars.evil }}{% endcapture %}run {{ c }}", "run 'x; rm -rf /'")]
    [InlineData("ls {{ vars.files | shjoin | prepend: '-f ' }}", "ls -f '/etc/a b.crt' /etc/c.crt")]
    [InlineData("echo {{ vars.files }}", "echo '/etc/a b.crt/etc/c.crt'")]
    [InlineData("echo {{ vars.files | join: ' ' }}", "echo '/etc/a b.crt /etc/c.crt'")]
    [InlineData("{% for f in vars.files %}{{ forloop.index }}:{{ f }} {% endfor %}", "1:'/etc/a b.crt' 2:/etc/c.crt ")]
    [InlineData("{% for x in host.vars.list %}x{% else %}none{% endfor %}", "none")]
    [InlineData("zone {{ host.labels['topology-zone'] }}", "zone a")]
    [InlineData("{{ hosts | size }}{{ host.roles | size }}", "02")]
    public void Captures_raw_text_lists_and_loops_keep_liquid_rules(string template, string expected)
    {
        var bag = new DiagnosticBag();
        var compiled = TemplateEngine.Parse(new TemplateText(template, new SourceSpan("t.yaml", 1, 1)), bag);
        var scope = Scope.With("hosts", TemplateValues.From(new List<object?>(), "hosts"), "the runbook");
        Assert.Equal(expected, new TemplateEngine().Render(compiled!, scope, bag));
        Assert.False(bag.HasErrors);
    }

    [Theory]
    [InlineData("vars.one == 1", "false")]
    [InlineData("vars.port == '22'", "false")]
    [InlineData("vars.port == 22", "true")]
    [InlineData("vars.port > '3'", "true")]
    [InlineData("host.roles contains 'etc'", "false")]
    [InlineData("host.roles contains 'etcd'", "true")]
    [InlineData("host.name contains 'etc'", "true")]
    [InlineData("host.vars.drain == nil", "true")]
    [InlineData("host.vars.drain != ''", "true")]
    [InlineData("host.vars.drain", "false")]
    public void Conditions_compare_as_liquid_does(string condition, string expected)
    {
        var bag = new DiagnosticBag();
        var text = new TemplateText(condition, new SourceSpan("t.yaml", 1, 1));
        var compiled = TemplateEngine.ParseCondition(text, bag);
        Assert.Equal(expected, new TemplateEngine().Render(compiled!, Scope, bag, shellQuote: false));
        Assert.False(bag.HasErrors);
    }

    [Theory]
    [InlineData("echo {% comment %} left open")]
    [InlineData("echo {% raw %} left open")]
    [InlineData("{% for x in vars.files %}{{ x }}")]
    public void A_block_left_open_is_a_syntax_error(string template)
    {
        var bag = new DiagnosticBag();
        Assert.Null(TemplateEngine.Parse(new TemplateText(template, new SourceSpan("t.yaml", 2, 5)), bag));
        var d = Assert.Single(bag.ToSortedList());
        Assert.Equal(("RB0053", 2, 5 + template.Length), (d.Code, d.Span.Line, d.Span.Column));
    }

    [Theory]
    [InlineData("{{ vars.port | plus: -1 }}", "a negative number cannot be a filter argument")]
    [InlineData("{{ vars.port - 1 }}", "'-' is not Liquid")]
    public void Scriban_syntax_that_is_not_liquid_is_refused_not_misread(string template, string message)
    {
        var bag = new DiagnosticBag();
        Assert.Null(TemplateEngine.Parse(new TemplateText(template, new SourceSpan("t.yaml", 1, 1)), bag));
        var d = Assert.Single(bag.ToSortedList());
        Assert.Equal("RB0053", d.Code);
        Assert.Contains(message, d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Deeply_nested_tags_are_a_syntax_error_not_a_crash()
    {
        var bag = new DiagnosticBag();
        var text =
            string.Concat(Enumerable.Repeat("{% if true %}", 5000))
            + string.Concat(Enumerable.Repeat("{% endif %}", 5000));
        Assert.Null(TemplateEngine.Parse(new TemplateText(text, new SourceSpan("t.yaml", 1, 1)), bag));
        Assert.Equal("RB0053", Assert.Single(bag.ToSortedList()).Code);
    }

    [Fact]
    public void The_step_limit_counts_the_whole_render_not_each_loop()
    {
        var bag = new DiagnosticBag();
        var text = "{% for i in (1..60000) %}x{% endfor %}{% for i in (1..60000) %}x{% endfor %}";
        var compiled = TemplateEngine.Parse(new TemplateText(text, new SourceSpan("t.yaml", 1, 1)), bag);
        Assert.Null(new TemplateEngine().Render(compiled!, Scope, bag));
        Assert.Contains(bag.ToSortedList(), d => d.Message.EndsWith("than 100,000 steps", StringComparison.Ordinal));
    }

    [Fact]
    public void Only_liquid_and_runbook_filters_are_reachable()
    {
        string[] used = ["default", "upcase", "append", "join", "map", "size", "raw", "shjoin", "with_role"];
        foreach (var filter in used)
        {
            Assert.True(TemplateEngine.IsKnownFilter(filter), filter);
        }

        foreach (var name in new[] { "include", "string", "object", "date.now", "nil", "empty" })
        {
            Assert.False(TemplateEngine.IsKnownFilter(name), name);
        }

        var bag = new DiagnosticBag();
        var shout = new TemplateText("{{ vars.unit | shout }}", new SourceSpan("t.yaml", 1, 1));
        Assert.Null(new TemplateEngine().Render(TemplateEngine.Parse(shout, bag)!, Scope, bag));
        var d = Assert.Single(bag.ToSortedList());
        Assert.Equal("cannot render template for the runbook: Undefined filter 'shout'", d.Message);
    }
}
