using System.Text;

namespace Runbook.Diagnostics;

/// <summary>Renders diagnostics for people: code, position, message, the source line with a caret, and the hint.</summary>
public static class DiagnosticFormatter
{
    public static string Format(IReadOnlyList<Diagnostic> diagnostics, Func<string, SourceText?> sources)
    {
        var sb = new StringBuilder();
        foreach (var d in diagnostics)
        {
            Append(sb, d, d.Span.IsKnown ? sources(d.Span.File) : null);
            sb.Append('\n');
        }

        sb.Append(Summary(diagnostics)).Append('\n');
        return VisibleText.Escape(sb.ToString()); // messages and source lines quote what the user's files hold
    }

    public static string Summary(IReadOnlyList<Diagnostic> diagnostics)
    {
        var errors = diagnostics.Count(d => d.IsError);
        var warnings = diagnostics.Count - errors;
        return $"{Plural(errors, "error")}, {Plural(warnings, "warning")}";
    }

    private static string Plural(int n, string word) => n == 1 ? $"1 {word}" : $"{n} {word}s";

    private static void Append(StringBuilder sb, Diagnostic d, SourceText? source)
    {
        var severity = d.IsError ? "error" : "warning";
        sb.Append(d.Span)
            .Append(": ")
            .Append(severity)
            .Append(' ')
            .Append(d.Code)
            .Append(": ")
            .Append(d.Message)
            .Append('\n');
        var line = d.Span.IsKnown ? source?.Line(d.Span.Line) : null;
        if (line is not null)
        {
            var gutter = d.Span.Line.ToString(System.Globalization.CultureInfo.InvariantCulture);
            var pad = new string(' ', gutter.Length);
            sb.Append(pad).Append(" |\n");
            sb.Append(gutter).Append(" | ").Append(line.Replace('\t', ' ')).Append('\n');
            var col = Math.Max(1, d.Span.Column);
            var width = Math.Max(1, Math.Min(d.Span.Length, Math.Max(1, line.Length - col + 1)));
            sb.Append(pad).Append(" | ").Append(new string(' ', col - 1)).Append(new string('^', width)).Append('\n');
        }

        if (d.Hint is not null)
        {
            sb.Append("  = hint: ").Append(d.Hint).Append('\n');
        }

        foreach (var site in d.IncludedFrom?.Chain() ?? [])
            sb.Append("  = note: included from ").Append(site).Append('\n');
    }
}
