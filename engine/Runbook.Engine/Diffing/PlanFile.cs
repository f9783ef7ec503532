using System.Text.Json;
using Runbook.Diagnostics;
using Runbook.Errors;
using Runbook.Graph;
using Runbook.Planning;

namespace Runbook.Diffing;

/// <summary>
/// The file <c>runbook plan --out FILE</c> writes and <c>runbook run --plan FILE</c> checks: the JSON plan with its
/// <c>plan_hash</c> first and, last, the hashes of the plan's parts and the hosts' endpoints (<c>inputs</c>), so a
/// refusal can say what changed. Secrets are masked as in every plan output.
/// </summary>
internal static class PlanFile
{
    /// <summary>Plan files are plans of fleets: far above any real one, far below what would hurt.</summary>
    private const long MaxBytes = 64L * 1024 * 1024;

    /// <summary>The most diff lines a refusal prints; the rest is counted.</summary>
    private const int MaxDiffLines = 200;

    public static string Render(ExecutionGraph graph)
    {
        var hash = PlanHash.Of(graph);
        var text = JsonPlanRenderer.Render(
            graph,
            hash.Hash,
            w =>
            {
                w.WriteStartObject("inputs");
                foreach (var (name, sha) in hash.Parts())
                    w.WriteString(name.Replace(' ', '_'), PlanHash.Prefix + sha);
                w.WriteStartArray("endpoints");
                foreach (var line in hash.EndpointLines)
                    w.WriteStringValue(line);
                w.WriteEndArray();
                w.WriteEndObject();
            }
        );
        return graph.Secrets.Apply(text);
    }

    /// <summary>Compares the plan compiled now with the reviewed plan file at <paramref name="path"/>.</summary>
    public static PlanCheck Check(string path, ExecutionGraph current)
    {
        var reviewed = Read(path);
        var (reviewedHash, parts) = Parse(path, reviewed);
        var now = PlanHash.Of(current);
        if (reviewedHash == now.Hash)
            return new PlanCheck(path, reviewedHash, now.Hash, [], []);
        var changed = now.Parts()
            .Where(p => parts.GetValueOrDefault(p.Name.Replace(' ', '_')) != PlanHash.Prefix + p.Sha)
            .Select(p => p.Name)
            .ToList();
        if (changed.Count == 0)
            changed.Add("plan hash");
        var diff = UnifiedDiff.Compare(Lines(reviewed), Lines(Render(current)), MaxDiffLines);
        return new PlanCheck(path, reviewedHash, now.Hash, changed, diff);
    }

    private static string[] Lines(string text) => text.TrimEnd('\n').Split('\n');

    private static string Read(string path)
    {
        try
        {
            var info = new FileInfo(path);
            if (!info.Exists)
                throw Invalid(Codes.PlanFileUnreadable, path, "file not found");
            if (info.Length > MaxBytes)
                throw Invalid(Codes.PlanFileUnreadable, path, $"plan files are limited to {MaxBytes >> 20} MiB");
            return File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw Invalid(Codes.PlanFileUnreadable, path, ex.Message);
        }
    }

    private static (string Hash, Dictionary<string, string> Parts) Parse(string path, string text)
    {
        try
        {
            using var doc = JsonDocument.Parse(text);
            var root = doc.RootElement;
            if (
                root.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("plan_hash", out var hash)
                || hash.ValueKind != JsonValueKind.String
                || hash.GetString() is not { } value
                || !value.StartsWith(PlanHash.Prefix, StringComparison.Ordinal)
            )
            {
                throw Invalid(Codes.PlanFileInvalid, path, "it has no \"plan_hash\": it is not a plan file");
            }

            var parts = new Dictionary<string, string>(StringComparer.Ordinal);
            if (root.TryGetProperty("inputs", out var inputs) && inputs.ValueKind == JsonValueKind.Object)
            {
                foreach (var part in inputs.EnumerateObject())
                {
                    if (part.Value.ValueKind == JsonValueKind.String)
                        parts[part.Name] = part.Value.GetString()!;
                }
            }

            return (value, parts);
        }
        catch (JsonException ex)
        {
            throw Invalid(Codes.PlanFileInvalid, path, $"it is not JSON: {ex.Message}");
        }
    }

    private static InvalidInputException Invalid(DiagnosticCode code, string path, string message) =>
        new([new Diagnostic(code.Id, Severity.Error, SourceSpan.None(path), message, code.DefaultHint)]);
}

/// <summary>
/// A reviewed plan file compared with the plan compiled now: both hashes and, when they differ, the parts that
/// changed (runbook, inventory, params, limit, ssh endpoints, plan) and a line diff of the two plan files.
/// </summary>
public sealed record PlanCheck(
    string File,
    string ReviewedHash,
    string CurrentHash,
    IReadOnlyList<string> Changed,
    IReadOnlyList<DiffLine> Diff
)
{
    public bool Matches => ReviewedHash == CurrentHash;
}
