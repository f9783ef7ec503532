using Runbook.Diagnostics;
using Runbook.Model;
using Runbook.Templating;

namespace Runbook.Tests.Templating;

public class TemplateEngineTests
{
    private static readonly TemplateScope Scope = new TemplateScope()
        .Set("vars", TemplateValues.Map("vars", new Dictionary<string, object?>
        {
            ["unit"] = "rke2-server",
            ["evil"] = "x; rm -rf /",
            ["quote"] = "it's",
            ["files"] = new List<object?> { "/etc/a b.crt", "/etc/c.crt" },
        }))
        .Set("host", TemplateValues.Map("host", new Dictionary<string, object?> { ["name"] = "etcd-1", ["vars"] = new Dictionary<string, object?>() }));

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
        var compiled = TemplateEngine.Parse(new TemplateText("echo {{ host.vars.zone }}", new SourceSpan("t.yaml", 4, 10)), bag);
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
        var compiled = TemplateEngine.Parse(new TemplateText("{% for i in (1..1000000) %}x{% endfor %}", new SourceSpan("t.yaml", 1, 1)), bag);
        Assert.Null(new TemplateEngine().Render(compiled!, Scope, bag));
        Assert.Contains(bag.ToSortedList(), d => d.Code == "RB0054" && d.Message.Contains("more than 100,000 steps", StringComparison.Ordinal));
    }

    [Fact]
    public void Analysis_finds_context_names_but_not_loop_variables()
    {
        var bag = new DiagnosticBag();
        var compiled = TemplateEngine.Parse(new TemplateText("{% for h in hosts %}{{ h.address }}:{{ params.port }}{% endfor %} {{ vars.x | upcase }}", new SourceSpan("t.yaml", 1, 1)), bag);
        Assert.Equal(["hosts", "params", "vars"], compiled!.Analysis.Roots);
        Assert.Equal(TemplateDependency.Static, compiled.Analysis.Dependency);
        Assert.Contains("upcase", compiled.Analysis.Filters);
    }
}
