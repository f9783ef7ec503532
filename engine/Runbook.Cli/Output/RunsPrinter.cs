using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Runbook.Diagnostics;
using Runbook.History;

namespace Runbook.Cli.Output;

/// <summary>
/// <c>runbook runs</c> and <c>runbook runs show</c> as text (columns for people) or JSON (for scripts). Text is passed
/// through <see cref="VisibleText"/>: a name or output line cannot move the terminal's cursor.
/// </summary>
internal static class RunsPrinter
{
    private static readonly JsonWriterOptions JsonOptions = new()
    {
        Indented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static string ListText(IReadOnlyList<RunListing> runs)
    {
        if (runs.Count == 0)
            return "no runs\n";
        var rows = runs.Select(r =>
                new[]
                {
                    r.Id,
                    r.Runbook,
                    r.Inventory,
                    r.OutcomeOrUnfinished,
                    r.Duration is { } d ? Durations.Short(d) : "-",
                    r.StartedBy ?? "-",
                }
            )
            .Prepend(["ID", "RUNBOOK", "INVENTORY", "OUTCOME", "DURATION", "BY"])
            .ToList();
        var widths = Enumerable.Range(0, 6).Select(i => rows.Max(r => r[i].Length)).ToArray();
        var sb = new StringBuilder();
        foreach (var row in rows)
            sb.Append(string.Join("  ", row.Select((c, i) => i == 5 ? c : c.PadRight(widths[i]))).TrimEnd())
                .Append('\n');
        return VisibleText.Escape(sb.ToString().TrimEnd('\n')) + "\n";
    }

    public static string ListJson(IReadOnlyList<RunListing> runs) =>
        Json(w =>
        {
            w.WriteStartArray();
            foreach (var r in runs)
            {
                w.WriteStartObject();
                Listing(w, r);
                w.WriteEndObject();
            }

            w.WriteEndArray();
        });

    public static string ShowText(RunReport report)
    {
        var r = report.Run;
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"run {r.Id}: {r.OutcomeOrUnfinished}\n")
            .Append(CultureInfo.InvariantCulture, $"  runbook    {r.Runbook}\n  inventory  {r.Inventory}\n")
            .Append(
                CultureInfo.InvariantCulture,
                $"  started    {r.Started.UtcDateTime:yyyy-MM-dd HH:mm:ss}Z by {r.StartedBy ?? "?"}\n"
            )
            .Append(
                CultureInfo.InvariantCulture,
                $"  duration   {(r.Duration is { } d ? Durations.Short(d) : "unfinished")}\n"
            );
        if (report.Attempts > 1)
            sb.Append(CultureInfo.InvariantCulture, $"  attempts   {report.Attempts}\n");
        if (report.PlanHash is { } hash)
            sb.Append(CultureInfo.InvariantCulture, $"  plan hash  {hash}\n");
        foreach (var phase in report.Phases)
        {
            sb.Append(
                CultureInfo.InvariantCulture,
                $"phase {phase.Number} {phase.Name}: {phase.Status ?? "unfinished"}\n"
            );
            foreach (var b in phase.Batches)
            {
                sb.Append(
                        CultureInfo.InvariantCulture,
                        $"  batch {b.Id} [{string.Join(", ", b.Hosts)}]: {b.Status ?? "unfinished"}"
                    )
                    .Append(b.Started is { } s && b.Ended is { } e ? $" ({Durations.Short(e - s)})" : "")
                    .Append('\n');
                foreach (var step in b.Steps)
                {
                    sb.Append(
                            CultureInfo.InvariantCulture,
                            $"    {step.Status ?? "unfinished", -11} {step.Host}  {step.Name}"
                        )
                        .Append(step.List == "steps" ? "" : $" ({step.List})")
                        .Append(step.Duration is { } sd ? $"  {Durations.Short(sd)}" : "")
                        .Append(step.ExitCode is { } code ? $"  exit {code}" : "")
                        .Append(step.Why is { } why ? $"  ({why})" : "")
                        .Append('\n');
                }

                foreach (var gate in b.Gates)
                {
                    sb.Append(CultureInfo.InvariantCulture, $"    {gate.Status ?? "unfinished", -11} gate {gate.Name}")
                        .Append(gate.Duration is { } gd ? $"  {Durations.Short(gd)}" : "")
                        .Append(gate.Why is { } why ? $"  ({why})" : "")
                        .Append('\n');
                }

                foreach (var pause in b.Pauses)
                    sb.Append(CultureInfo.InvariantCulture, $"    pause {pause.Name}: {pause.By ?? "waiting"}\n");
            }
        }

        return VisibleText.Escape(sb.ToString().TrimEnd('\n')) + "\n";
    }

    public static string ShowJson(RunReport report) =>
        Json(w =>
        {
            w.WriteStartObject();
            Listing(w, report.Run);
            if (report.PlanHash is { } hash)
                w.WriteString("plan_hash", hash);
            w.WriteNumber("attempts", report.Attempts);
            w.WriteStartArray("phases");
            foreach (var phase in report.Phases)
            {
                w.WriteStartObject();
                w.WriteNumber("phase", phase.Number);
                w.WriteString("name", phase.Name);
                Opt(w, "status", phase.Status);
                w.WriteStartArray("batches");
                foreach (var b in phase.Batches)
                    Batch(w, b);
                w.WriteEndArray();
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        });

    private static void Batch(Utf8JsonWriter w, BatchReport b)
    {
        w.WriteStartObject();
        w.WriteString("id", b.Id);
        w.WriteStartArray("hosts");
        foreach (var h in b.Hosts)
            w.WriteStringValue(h);
        w.WriteEndArray();
        Opt(w, "status", b.Status);
        Time(w, "started", b.Started);
        Time(w, "ended", b.Ended);
        w.WriteStartArray("steps");
        foreach (var s in b.Steps)
        {
            w.WriteStartObject();
            w.WriteString("id", s.Id);
            w.WriteString("host", s.Host);
            w.WriteString("name", s.Name);
            w.WriteString("list", s.List);
            Opt(w, "status", s.Status);
            Opt(w, "why", s.Why);
            Opt(w, "command", s.Command);
            if (s.ExitCode is { } code)
                w.WriteNumber("exit_code", code);
            Time(w, "started", s.Started);
            Time(w, "ended", s.Ended);
            if (s.Duration is { } d)
                w.WriteNumber("duration_ms", (long)d.TotalMilliseconds);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteStartArray("gates");
        foreach (var g in b.Gates)
        {
            w.WriteStartObject();
            w.WriteString("id", g.Id);
            w.WriteString("name", g.Name);
            w.WriteBoolean("precondition", g.Precondition);
            Opt(w, "status", g.Status);
            Opt(w, "why", g.Why);
            Time(w, "ended", g.Ended);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void Listing(Utf8JsonWriter w, RunListing r)
    {
        w.WriteString("id", r.Id);
        w.WriteString("runbook", r.Runbook);
        w.WriteString("inventory", r.Inventory);
        Time(w, "started", r.Started);
        w.WriteString("outcome", r.OutcomeOrUnfinished);
        if (r.Duration is { } d)
            w.WriteNumber("duration_ms", (long)d.TotalMilliseconds);
        Opt(w, "started_by", r.StartedBy);
        Opt(w, "ci_job", r.CiJob);
    }

    private static void Opt(Utf8JsonWriter w, string name, string? value)
    {
        if (value is not null)
            w.WriteString(name, value);
    }

    private static void Time(Utf8JsonWriter w, string name, DateTimeOffset? at)
    {
        if (at is { } t)
            w.WriteString(name, t.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture));
    }

    private static string Json(Action<Utf8JsonWriter> write)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, JsonOptions))
            write(w);
        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }
}
