using System.Globalization;
using System.Text.Json;
using static Runbook.History.RunHistory;

namespace Runbook.History;

/// <summary>
/// Folds a journal's lines into phases, batches, steps, gates and pauses. A resumed run's journal holds several
/// attempts one after the other: a step or gate that ran again is shown as it ran last. Unknown and torn lines are
/// skipped, so journals of older versions still read (without times, commands or gate checks).
/// </summary>
internal sealed class JournalReader
{
    /// <summary>Output lines kept per step: the report shows a step's output tail, not a log archive.</summary>
    public const int MaxOutputLines = 400;

    private readonly SortedDictionary<int, (string Name, string? Status)> _phases = [];
    private readonly Dictionary<string, Batch> _batches = new(StringComparer.Ordinal);
    private readonly List<string> _batchOrder = [];
    private int _attempts;
    private string? _outcome;
    private TimeSpan? _duration;
    private DateTimeOffset? _ended;

    public static (string? Outcome, TimeSpan? Duration) LastOutcome(string journal)
    {
        var reader = Read(journal);
        return (reader._outcome, reader._duration);
    }

    public static JournalReader Read(string journal)
    {
        var reader = new JournalReader();
        if (!File.Exists(journal))
            return reader;
        using var stream = new FileStream(
            journal,
            FileMode.Open,
            FileAccess.Read,
            FileShare.ReadWrite | FileShare.Delete
        );
        using var text = new StreamReader(stream);
        while (text.ReadLine() is { } line)
        {
            try
            {
                using var doc = JsonDocument.Parse(line);
                if (doc.RootElement.ValueKind == JsonValueKind.Object)
                    reader.Add(doc.RootElement);
            }
            catch (JsonException) { }
        }

        return reader;
    }

    public RunReport ToReport(RunListing listing, JsonElement manifest)
    {
        var phases = _phases
            .Select(p => new PhaseReport(
                p.Key,
                p.Value.Name,
                p.Value.Status,
                [.. _batchOrder.Select(id => _batches[id]).Where(b => b.Phase == p.Key).Select(b => b.ToReport())]
            ))
            .ToList();
        // Batches of a phase whose start the journal does not have (an old journal): a phase of their own number.
        foreach (var orphan in _batchOrder.Select(id => _batches[id]).Where(b => !_phases.ContainsKey(b.Phase)))
        {
            if (phases.FirstOrDefault(p => p.Number == orphan.Phase) is { } known)
                phases[phases.IndexOf(known)] = known with { Batches = [.. known.Batches, orphan.ToReport()] };
            else
                phases.Add(new PhaseReport(orphan.Phase, $"phase {orphan.Phase}", null, [orphan.ToReport()]));
        }

        var fingerprint = new[] { "runbook_sha256", "inventory_sha256", "params_sha256" }
            .Select(n => (n, Str(manifest, n)))
            .Where(f => f.Item2 is not null)
            .Select(f => (f.n, f.Item2!))
            .ToList();
        var parameters =
            manifest.TryGetProperty("params", out var ps) && ps.ValueKind == JsonValueKind.Object
                ? ps.EnumerateObject().Select(p => (p.Name, p.Value.ToString())).ToList()
                : [];
        return new RunReport(
            listing with
            {
                Outcome = _outcome,
                Duration = _duration,
            },
            Str(manifest, "plan_hash"),
            fingerprint,
            parameters,
            Str(manifest, "limit"),
            Math.Max(1, _attempts),
            _ended,
            [.. phases.OrderBy(p => p.Number)],
            []
        );
    }

    private void Add(JsonElement r)
    {
        var at = Str(r, "ts") is { } ts
            ? DateTimeOffset.Parse(ts, CultureInfo.InvariantCulture)
            : (DateTimeOffset?)null;
        var id = Str(r, "id");
        switch (Str(r, "record"))
        {
            case "run-started":
                _attempts++;
                (_outcome, _duration, _ended) = (null, null, null);
                break;
            case "run-done":
                (_outcome, _duration, _ended) = (Str(r, "outcome"), Millis(r), at);
                break;
            case "phase-started" when Int(r, "phase") is { } phase:
                _phases[phase] = (Str(r, "name") ?? $"phase {phase}", _phases.GetValueOrDefault(phase).Status);
                break;
            case "phase-done" when Int(r, "phase") is { } phase:
                var name = _phases.TryGetValue(phase, out var known) ? known.Name : $"phase {phase}";
                _phases[phase] = (name, Str(r, "status"));
                break;
            case "batch-started" when id is not null:
                var batch = BatchOf(id);
                batch.Started ??= at;
                if (r.TryGetProperty("hosts", out var hosts) && hosts.ValueKind == JsonValueKind.Array)
                {
                    foreach (var host in hosts.EnumerateArray().Select(h => h.GetString() ?? string.Empty))
                        if (!batch.Hosts.Contains(host))
                            batch.Hosts.Add(host);
                }

                break;
            case "batch-done" when id is not null:
                BatchOf(id).Status = Str(r, "status");
                BatchOf(id).Ended = at;
                break;
            case "step-started" when id is not null && Str(r, "host") is { } host:
                var started = BatchOf(BatchId(id)).Step(id, host);
                started.Reset(at, Str(r, "name"), Str(r, "command"), Str(r, "list"));
                break;
            case "step-output" when id is not null && Str(r, "host") is { } host:
                BatchOf(BatchId(id)).Step(id, host).Log(Str(r, "stream") ?? "stdout", Str(r, "text") ?? string.Empty);
                break;
            case "step-done" when id is not null && Str(r, "host") is { } host:
                BatchOf(BatchId(id)).Step(id, host).Done(r, at);
                break;
            case "gate-started" when id is not null:
                BatchOf(BatchId(id)).Gate(id).Begin(r, at);
                break;
            case "gate-attempt" when id is not null:
                BatchOf(BatchId(id))
                    .Gate(id)
                    .Checks.Add(
                        new GateCheck(
                            Str(r, "host") ?? "?",
                            Str(r, "status") ?? "?",
                            Int(r, "exit_code"),
                            Str(r, "text")
                        )
                    );
                break;
            case "gate-done" when id is not null:
                BatchOf(BatchId(id)).Gate(id).Done(r, at);
                break;
            case "pause-waiting" when id is not null:
                BatchOf(BatchId(id)).Pause(id, Str(r, "name"), Str(r, "message")).WaitedAt = at;
                break;
            case "pause-approved" when id is not null:
                var pause = BatchOf(BatchId(id)).Pause(id, Str(r, "name"), null);
                (pause.ApprovedAt, pause.By) = (at, $"{Str(r, "by")} ({Str(r, "how")})");
                break;
        }
    }

    /// <summary>A step or gate id's batch: its first two parts (p1.b2.etcd-1.s1, p1.b2.g1 → p1.b2).</summary>
    internal static string BatchId(string id)
    {
        var first = id.IndexOf('.', StringComparison.Ordinal);
        var second = first < 0 ? -1 : id.IndexOf('.', first + 1);
        return second < 0 ? id : id[..second];
    }

    private Batch BatchOf(string id)
    {
        if (_batches.TryGetValue(id, out var batch))
            return batch;
        var phase =
            id.Length > 1
            && id[0] == 'p'
            && int.TryParse(
                id.AsSpan(1, Math.Max(0, id.IndexOf('.', StringComparison.Ordinal) - 1)),
                CultureInfo.InvariantCulture,
                out var n
            )
                ? n
                : 0;
        _batches[id] = batch = new Batch(id, phase);
        _batchOrder.Add(id);
        return batch;
    }

    internal static int? Int(JsonElement r, string name) =>
        r.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out var i) ? i : null;

    internal static TimeSpan? Millis(JsonElement r) =>
        r.TryGetProperty("duration_ms", out var v) && v.ValueKind == JsonValueKind.Number
            ? TimeSpan.FromMilliseconds(v.GetDouble())
            : null;
}
