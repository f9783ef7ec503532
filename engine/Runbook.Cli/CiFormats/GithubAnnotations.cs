using System.Text;
using Runbook.Diagnostics;

namespace Runbook.Cli.CiFormats;

/// <summary>
/// Diagnostics as GitHub Actions workflow commands (<c>::error file=…,line=…::message</c>): the runner turns each
/// line it reads on stdout into an annotation on the file and line, shown inline in the pull request.
/// </summary>
internal static class GithubAnnotations
{
    public static string Format(IReadOnlyList<Diagnostic> diagnostics, string root)
    {
        var sb = new StringBuilder();
        foreach (var d in diagnostics)
            sb.Append(Line(d, root)).Append('\n');
        return sb.ToString();
    }

    /// <summary>One workflow command. Columns are 1-based; endColumn is the span's last column (inclusive).</summary>
    public static string Line(Diagnostic d, string root)
    {
        var properties = new List<string>();
        if (d.Span.File.Length > 0)
            properties.Add("file=" + Property(RepoPaths.Relative(d.Span.File, root)));
        if (d.Span.IsKnown)
        {
            properties.Add($"line={d.Span.Line}");
            properties.Add($"col={d.Span.Column}");
            properties.Add($"endLine={d.Span.Line}");
            properties.Add($"endColumn={d.Span.Column + Math.Max(1, d.Span.Length) - 1}");
        }

        properties.Add("title=" + Property(d.Code));
        var command = d.IsError ? "error" : "warning";
        return $"::{command} {string.Join(',', properties)}::{Data(Message(d))}";
    }

    /// <summary>The message, its hint and the include sites, one a line, as the annotation shows them.</summary>
    private static string Message(Diagnostic d)
    {
        var text = d.Message;
        if (d.Hint is { } hint)
            text += "\nhint: " + hint;
        if (d.IncludedFrom is { } site)
            text += string.Concat(site.Chain().Select(s => "\nincluded from " + s));
        return text;
    }

    /// <summary>
    /// A message, escaped as the runner unescapes it (actions/toolkit escapeData): '%' first, so an escape the text
    /// itself contains ("%0A") is not read as one, then the line breaks that would end the command.
    /// </summary>
    internal static string Data(string text) =>
        text.Replace("%", "%25", StringComparison.Ordinal)
            .Replace("\r", "%0D", StringComparison.Ordinal)
            .Replace("\n", "%0A", StringComparison.Ordinal);

    /// <summary>
    /// A property value (escapeProperty): as a message, and also ':' and ',', which end a value in the property list.
    /// </summary>
    internal static string Property(string text) =>
        Data(text).Replace(":", "%3A", StringComparison.Ordinal).Replace(",", "%2C", StringComparison.Ordinal);
}
