using Runbook.Diagnostics;
using Runbook.Templating;
using Scriban.Syntax;

namespace Runbook.Compilation;

/// <summary>
/// The checks of a command template's values by where they sit in its shell text (docs/language.md, Quoting): a
/// value where no quoting is safe (a comment, a here-document, <c>${…}</c>, <c>$'…'</c>, backquotes) is an error,
/// and so is a value in the script of a nested shell (<c>bash -c '…'</c>, <c>ssh HOST '…'</c>) without <c>|
/// shell_quote_nested</c>, which says that its author knows the value goes through one more shell.
/// </summary>
internal static class ShellPlaceChecks
{
    public static bool Check(CompiledTemplate template, DiagnosticBag diagnostics)
    {
        var ok = true;
        foreach (var (output, place) in template.ShellOutputs)
        {
            var span = TemplateEngine.SpanAt(template.Text, output.Span.Start.Offset, output.Span.Length);
            var filter = LastFilter(output.Expression);
            if (place.Unsupported is { } where)
            {
                diagnostics.Error(
                    Codes.ValueCannotBeQuoted,
                    span,
                    $"a value cannot be quoted inside {where}",
                    "move the {{ }} out of it: pass the value as an argument, or set it in 'env:' and read \"$NAME\""
                );
                ok = false;
            }
            else if (place.Nested && filter is not (TemplateFilters.ShellQuoteNested or "raw"))
            {
                diagnostics.Error(
                    Codes.NestedShellValue,
                    span,
                    "this value is inside the script of a nested shell (bash -c '…', ssh HOST '…'), which reads it "
                        + "again: add '| "
                        + TemplateFilters.ShellQuoteNested
                        + "' to quote it for that shell too",
                    "or pass it as an argument of the script: bash -c 'echo \"$1\"' _ {{ value }}"
                );
                ok = false;
            }
        }

        return ok;
    }

    /// <summary>The last filter an output applies (<c>x | a | b</c> → b), or null.</summary>
    private static string? LastFilter(ScriptExpression? expression) =>
        expression switch
        {
            ScriptPipeCall pipe => LastFilter(pipe.To),
            ScriptFunctionCall { Target: ScriptVariable filter } => filter.Name,
            ScriptVariable filter when expression.Parent is ScriptPipeCall => filter.Name,
            _ => null,
        };
}
