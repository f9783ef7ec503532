using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Runbook.Diagnostics;

namespace Runbook.Cli.CiFormats;

/// <summary>
/// Diagnostics as a SARIF 2.1.0 log, the format GitHub code scanning reads (upload-sarif): one run of the tool
/// "runbook", whose rules are the codes the results use (title and default hint from the catalogue), and one result
/// per diagnostic with its level, message and region. Deterministic: the same diagnostics give the same bytes.
/// </summary>
internal static class SarifLog
{
    private const string SchemaUri = "https://json.schemastore.org/sarif-2.1.0.json";

    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static string Format(IReadOnlyList<Diagnostic> diagnostics, string root)
    {
        // Rules in order of first use, so ruleIndex is stable for the same input.
        var ruleIds = diagnostics.Select(d => d.Code).Distinct(StringComparer.Ordinal).ToList();
        var rules = new JsonArray([.. ruleIds.Select(id => Rule(id, diagnostics.First(d => d.Code == id)))]);
        var results = new JsonArray([.. diagnostics.Select(d => Result(d, ruleIds.IndexOf(d.Code), root))]);
        var log = new JsonObject
        {
            ["$schema"] = SchemaUri,
            ["version"] = "2.1.0",
            ["runs"] = new JsonArray(
                new JsonObject
                {
                    ["tool"] = new JsonObject
                    {
                        ["driver"] = new JsonObject { ["name"] = "runbook", ["rules"] = rules },
                    },
                    ["columnKind"] = "utf16CodeUnits",
                    ["results"] = results,
                }
            ),
        };
        return log.ToJsonString(Json) + "\n";
    }

    private static JsonObject Rule(string id, Diagnostic first)
    {
        var known = CodeCatalogue.Find(id);
        var title = known?.Code.Title ?? id;
        var help = known?.Code.DefaultHint is { } hint ? $"{title}: {hint}" : title;
        var rule = new JsonObject { ["id"] = id };
        if (known is { Name: var name })
            rule["name"] = name;
        rule["shortDescription"] = new JsonObject { ["text"] = title };
        rule["help"] = new JsonObject { ["text"] = help };
        rule["defaultConfiguration"] = new JsonObject { ["level"] = Level(first) };
        return rule;
    }

    private static JsonObject Result(Diagnostic d, int ruleIndex, string root)
    {
        var text = d.Hint is { } hint ? $"{d.Message}\nhint: {hint}" : d.Message;
        var result = new JsonObject
        {
            ["ruleId"] = d.Code,
            ["ruleIndex"] = ruleIndex,
            ["level"] = Level(d),
            ["message"] = new JsonObject { ["text"] = text },
            ["locations"] = new JsonArray(Location(d.Span, root)),
        };

        // A problem inside an included file: the include items that brought the file in, nearest first.
        if (d.IncludedFrom is { } site)
        {
            var related = new JsonArray();
            var index = 0;
            foreach (var span in site.Chain())
            {
                var location = Location(span, root);
                location["id"] = index++;
                location["message"] = new JsonObject { ["text"] = "included from here" };
                related.Add(location);
            }

            result["relatedLocations"] = related;
        }

        return result;
    }

    /// <summary>
    /// A physical location. SARIF's endColumn is the column after the region's last character, so a span of length
    /// n starting at column c ends at c + n; a span without a line (a file that could not be read) has no region.
    /// </summary>
    private static JsonObject Location(SourceSpan span, string root)
    {
        var physical = new JsonObject
        {
            ["artifactLocation"] = new JsonObject { ["uri"] = RepoPaths.Uri(span.File, root) },
        };
        if (span.IsKnown)
        {
            physical["region"] = new JsonObject
            {
                ["startLine"] = span.Line,
                ["startColumn"] = Math.Max(1, span.Column),
                ["endLine"] = span.Line,
                ["endColumn"] = Math.Max(1, span.Column) + Math.Max(1, span.Length),
            };
        }

        return new JsonObject { ["physicalLocation"] = physical };
    }

    private static string Level(Diagnostic d) => d.IsError ? "error" : "warning";
}
