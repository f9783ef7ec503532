using Runbook.Compilation;
using Runbook.Diagnostics;
using Runbook.Model;
using Runbook.Templating;

namespace Runbook.Tests.Templating;

/// <summary>Each interpolation is quoted for where it sits in the command's shell text (docs/language.md,
/// Quoting).</summary>
public class ShellPlaceTests
{
    private static readonly TemplateScope Scope = new TemplateScope().Set(
        "vars",
        TemplateValues.Map(
            "vars",
            new Dictionary<string, object?>
            {
                ["x"] = "a'b\"c$(d)`e`\\f",
                ["w"] = "w",
                ["files"] = new List<object?> { "a b", "c" },
            }
        )
    );

    [Theory]
    [InlineData("echo {{ vars.x }}", "echo 'a'\"'\"'b\"c$(d)`e`\\f'")]
    [InlineData("echo '{{ vars.x }}'", "echo 'a'\\''b\"c$(d)`e`\\f'")]
    [InlineData("echo \"{{ vars.x }}\"", "echo \"a'b\\\"c\\$(d)\\`e\\`\\\\f\"")]
    [InlineData("echo \"$(cat {{ vars.x }})\"", "echo \"$(cat 'a'\"'\"'b\"c$(d)`e`\\f')\"")]
    [InlineData("echo '{{ vars.x | raw }}'", "echo 'a'b\"c$(d)`e`\\f'")]
    [InlineData("echo \"{{ vars.files | shjoin }}\"", "echo \"'a b' c\"")]
    [InlineData("bash -c 'echo {{ vars.w | shell_quote_nested }}'", "bash -c 'echo w'")]
    [InlineData("run-elsewhere {{ vars.w | shell_quote_nested }}", "run-elsewhere w")]
    [InlineData("bash -c 'echo \"$1\"' _ {{ vars.w }}", "bash -c 'echo \"$1\"' _ w")]
    public void A_value_is_quoted_for_its_place(string template, string expected)
    {
        var bag = new DiagnosticBag();
        var compiled = TemplateEngine.Parse(new TemplateText(template, new SourceSpan("t.yaml", 1, 1)), bag)!;
        Assert.True(ShellPlaceChecks.Check(compiled, bag), string.Join("\n", bag.ToSortedList()));
        Assert.Equal(expected, new TemplateEngine().Render(compiled, Scope, bag));
    }

    [Theory]
    [InlineData("bash -c 'exec 3<>/dev/tcp/{{ vars.w }}/6443'", "RB0059", 30)]
    [InlineData("sudo sh -ec \"echo {{ vars.w }}\"", "RB0059", 22)]
    [InlineData("ssh -p 22 root@h 'rm {{ vars.w }}'", "RB0059", 25)]
    [InlineData("su postgres -c 'psql {{ vars.w }}'", "RB0059", 25)]
    [InlineData("eval echo {{ vars.w }}", "RB0059", 14)]
    [InlineData("true # {{ vars.w }}", "RB0130", 11)]
    [InlineData("cat <<EOF\n{{ vars.w }}\nEOF", "RB0130", 4)]
    [InlineData("echo ${X:-{{ vars.w }}}", "RB0130", 14)]
    [InlineData("echo `{{ vars.w }}`", "RB0130", 10)]
    [InlineData("echo $'{{ vars.w }}'", "RB0130", 11)]
    public void A_value_where_quoting_is_not_enough_is_an_error_at_its_position(
        string template,
        string code,
        int column
    )
    {
        var bag = new DiagnosticBag();
        var compiled = TemplateEngine.Parse(new TemplateText(template, new SourceSpan("t.yaml", 1, 1)), bag)!;
        Assert.False(ShellPlaceChecks.Check(compiled, bag));
        var error = Assert.Single(bag.ToSortedList());
        Assert.Equal(code, error.Code);
        Assert.Equal(column, error.Span.Column);
    }

    [Fact]
    public void A_value_after_a_here_document_is_plain_again()
    {
        var bag = new DiagnosticBag();
        var compiled = TemplateEngine.Parse(
            new TemplateText("cat <<'EOF'\nit's\nEOF\necho {{ vars.x }}", new SourceSpan("t.yaml", 1, 1)),
            bag
        )!;
        Assert.True(ShellPlaceChecks.Check(compiled, bag));
        Assert.EndsWith("echo 'a'\"'\"'b\"c$(d)`e`\\f'", new TemplateEngine().Render(compiled, Scope, bag));
    }
}
