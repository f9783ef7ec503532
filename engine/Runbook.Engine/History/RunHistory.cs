using System.Globalization;
using System.Text.Json;
using Runbook.Errors;
using Runbook.Execution;

namespace Runbook.History;

/// <summary>
/// Reads the run store (<c>&lt;state&gt;/runs/&lt;id&gt;/run.json</c> and <c>journal.ndjson</c>) back into
/// <see cref="RunListing"/>s and <see cref="RunReport"/>s. Only reads: a run still going (its lock held) is read as
/// far as its journal goes, and a torn last line is ignored as resume ignores it.
/// </summary>
internal static class RunHistory
{
    /// <summary>The file in a run's directory where a lab run's cluster samples are kept, when it has them.</summary>
    public const string SamplesFile = "cluster.ndjson";

    /// <summary>Every run in the store, newest first; runs whose run.json cannot be read are left out.</summary>
    public static IReadOnlyList<RunListing> List(string stateDirectory)
    {
        var store = new RunStore(stateDirectory);
        if (!Directory.Exists(store.RunsDirectory))
            return [];
        var runs = new List<RunListing>();
        foreach (var dir in Directory.GetDirectories(store.RunsDirectory))
        {
            var id = Path.GetFileName(dir);
            if (!File.Exists(Path.Combine(dir, "run.json")))
                continue;
            try
            {
                var (listing, _) = ReadManifest(store, id);
                var end = JournalReader.LastOutcome(store.JournalPath(id));
                runs.Add(listing with { Outcome = end.Outcome, Duration = end.Duration });
            }
            catch (RunRefusedException) { }
        }

        return [.. runs.OrderByDescending(r => r.Id, StringComparer.Ordinal)];
    }

    /// <summary>
    /// The run <paramref name="idOrLast"/> (an id, or "last" for the newest); refuses (RunRefusedException) one that
    /// does not exist. Cluster samples come from <paramref name="samplesFile"/> when given, else from the run's own
    /// <see cref="SamplesFile"/>; only samples taken while the run went on are kept.
    /// </summary>
    public static RunReport Read(string stateDirectory, string idOrLast, string? samplesFile = null)
    {
        var store = new RunStore(stateDirectory);
        var id = store.Load(idOrLast).Id;
        var (listing, manifest) = ReadManifest(store, id);
        var journal = JournalReader.Read(store.JournalPath(id));
        var report = journal.ToReport(listing, manifest);
        var samples = samplesFile ?? Path.Combine(store.RunsDirectory, id, SamplesFile);
        return report with { Samples = ReadSamples(samples, report.Span) };
    }

    private static (RunListing Listing, JsonElement Manifest) ReadManifest(RunStore store, string id)
    {
        var file = Path.Combine(store.RunsDirectory, id, "run.json");
        try
        {
            using var doc = JsonDocument.Parse(File.ReadAllText(file));
            var m = doc.RootElement.Clone();
            var listing = new RunListing(
                id,
                Str(m, "runbook") ?? "?",
                Str(m, "inventory") ?? "?",
                Str(m, "started") is { } s ? DateTimeOffset.Parse(s, CultureInfo.InvariantCulture) : default,
                null,
                null,
                Str(m, "started_by"),
                Str(m, "ci_job")
            );
            return (listing, m);
        }
        catch (Exception ex) when (ex is JsonException or IOException or FormatException or InvalidOperationException)
        {
            throw new RunRefusedException(RunRefusal.Unreadable, id, $"{file} cannot be read: {ex.Message}");
        }
    }

    /// <summary>
    /// The watcher's NDJSON samples (camelCase, ClusterSample) taken while the run went on, with a little margin.
    /// </summary>
    internal static IReadOnlyList<ClusterSampleRow> ReadSamples(
        string file,
        (DateTimeOffset From, DateTimeOffset To)? span
    )
    {
        if (!File.Exists(file))
            return [];
        var rows = new List<ClusterSampleRow>();
        foreach (var line in File.ReadLines(file))
        {
            try
            {
                using var doc = JsonDocument.Parse(line);
                var r = doc.RootElement;
                if (Str(r, "at") is not { } at)
                    continue;
                var when = DateTimeOffset.Parse(at, CultureInfo.InvariantCulture);
                var margin = TimeSpan.FromSeconds(2);
                if (span is { } s && (when < s.From - margin || when > s.To + margin))
                    continue;
                rows.Add(
                    new ClusterSampleRow(
                        when,
                        r.TryGetProperty("quorum", out var q) && q.ValueKind == JsonValueKind.True,
                        Names(r, "membersUp"),
                        Names(r, "membersUnhealthy"),
                        Names(r, "membersDown"),
                        r.TryGetProperty("readyz", out var z) && z.ValueKind == JsonValueKind.Object
                            ? [.. z.EnumerateObject().Select(p => (p.Name, p.Value.TryGetInt32(out var v) ? v : 0))]
                            : []
                    )
                );
            }
            catch (Exception ex) when (ex is JsonException or FormatException or InvalidOperationException)
            {
                // A torn last line of a watcher that was stopped mid-write: the samples before it still count.
            }
        }

        return rows;
    }

    private static IReadOnlyList<string> Names(JsonElement r, string name) =>
        r.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Array
            ? [.. v.EnumerateArray().Select(x => x.GetString() ?? string.Empty)]
            : [];

    internal static string? Str(JsonElement r, string name) =>
        r.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
}
