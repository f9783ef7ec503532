using System.CommandLine;
using System.Text.Encodings.Web;
using System.Text.Json;
using Runbook.Diagnostics;

namespace Runbook.Cli;

/// <summary>
/// Prints diagnostics with carets for people, or for tools: JSON, GitHub workflow commands or SARIF (--format).
/// </summary>
internal static class DiagnosticPrinter
{
    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static string Format(ParseResult parsed) =>
        parsed.CommandResult.Command.Options.FirstOrDefault(o => o.Name == "--format") is Option<string> o
            ? parsed.GetValue(o) ?? "text"
            : "text";

    public static async Task PrintAsync(TextWriter writer, IReadOnlyList<Diagnostic> diagnostics, string format)
    {
        // GitHub annotations and SARIF name files relative to the checkout, the directory a workflow runs in.
        if (format == "github")
        {
            await writer.WriteAsync(CiFormats.GithubAnnotations.Format(diagnostics, Environment.CurrentDirectory));
            return;
        }

        if (format == "sarif")
        {
            await writer.WriteAsync(CiFormats.SarifLog.Format(diagnostics, Environment.CurrentDirectory));
            return;
        }

        if (format == "json")
        {
            var items = diagnostics.Select(d =>
            {
                var item = new Dictionary<string, object?>
                {
                    ["code"] = d.Code,
                    ["severity"] = d.IsError ? "error" : "warning",
                    ["file"] = d.Span.File,
                    ["line"] = d.Span.Line,
                    ["column"] = d.Span.Column,
                    ["message"] = d.Message,
                    ["hint"] = d.Hint,
                };

                // Only for a problem inside an included file: the include sites, nearest first.
                if (d.IncludedFrom is { } site)
                    item["included_from"] = site.Chain().Select(s => s.ToString()).ToList();
                return item;
            });
            await writer.WriteLineAsync(JsonSerializer.Serialize(items, Json));
            return;
        }

        var sources = new Dictionary<string, SourceText?>(StringComparer.Ordinal);
        await writer.WriteAsync(
            DiagnosticFormatter.Format(
                diagnostics,
                path =>
                {
                    if (!sources.TryGetValue(path, out var text))
                    {
                        // A file, or a git revision of one (runbook diff main:runbooks/x.yaml …): read again for the
                        // caret lines.
                        text = Parsing.RevisionSource.Read(path, new DiagnosticBag());
                        sources[path] = text;
                    }

                    return text;
                }
            )
        );
    }
}
