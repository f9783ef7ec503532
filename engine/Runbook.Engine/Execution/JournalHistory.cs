using System.Globalization;
using System.Text.Json;

namespace Runbook.Execution;

/// <summary>
/// The journal's records and fields that resume does not read but a report does (runbook runs, runbook report): when
/// each record happened, phase and batch starts, gate starts and attempts, each step's command, exit code and
/// duration. Kept apart from <see cref="JournalRecord"/>'s resume records so that file stays about resume; older
/// journals simply lack these fields, and a report shows what is there.
/// </summary>
internal static class JournalHistory
{
    public static void WriteTime(Utf8JsonWriter w, DateTimeOffset at)
    {
        if (at != default)
            w.WriteString("ts", Stamp(at));
    }

    /// <summary>The journal's time format: UTC, milliseconds, as the --events "ts".</summary>
    public static string Stamp(DateTimeOffset at) =>
        at.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);

    public static void WriteBegun(Utf8JsonWriter w, StepBegun s)
    {
        if (s.Batch is { } batch)
            w.WriteString("batch", batch);
        if (s.Name is { } name)
            w.WriteString("name", name);
        if (s.Command is { } command)
            w.WriteString("command", command);
    }

    public static void WriteDone(Utf8JsonWriter w, int? exitCode, int? attempts, TimeSpan? duration)
    {
        if (exitCode is { } code)
            w.WriteNumber("exit_code", code);
        if (attempts is { } n)
            w.WriteNumber("attempts", n);
        if (duration is { } d)
            w.WriteNumber("duration_ms", (long)d.TotalMilliseconds);
    }

    /// <summary>Writes the report-only records; false for any other.</summary>
    public static bool TryWrite(Utf8JsonWriter w, JournalRecord record)
    {
        switch (record)
        {
            case PhaseBegun p:
                w.WriteString("record", "phase-started");
                w.WriteNumber("phase", p.Phase);
                w.WriteString("name", p.Name);
                return true;
            case BatchBegun b:
                w.WriteString("record", "batch-started");
                w.WriteNumber("phase", b.Phase);
                w.WriteString("id", b.Id);
                w.WriteStartArray("hosts");
                foreach (var host in b.Hosts)
                    w.WriteStringValue(host);
                w.WriteEndArray();
                return true;
            case GateBegun g:
                w.WriteString("record", "gate-started");
                w.WriteString("id", g.Id);
                w.WriteString("batch", g.Batch);
                w.WriteString("name", g.Name);
                w.WriteString("command", g.Command);
                if (EventJson.GateList(g.Precondition) is { } list)
                    w.WriteString("list", list);
                return true;
            case GateAttempted a:
                w.WriteString("record", "gate-attempt");
                w.WriteString("id", a.Id);
                w.WriteString("host", a.Host);
                w.WriteString("status", EventJson.Name(a.Status));
                if (a.Attempt is { } attempt)
                    w.WriteNumber("attempt", attempt);
                if (a.ExitCode is { } code)
                    w.WriteNumber("exit_code", code);
                if (a.Text is { } text)
                    w.WriteString("text", text);
                return true;
            default:
                return false;
        }
    }
}

internal sealed record PhaseBegun(int Phase, string Name) : JournalRecord;

internal sealed record BatchBegun(int Phase, string Id, IReadOnlyList<string> Hosts) : JournalRecord;

internal sealed record GateBegun(string Id, string Batch, string Name, string Command) : JournalRecord
{
    public bool Precondition { get; init; }
}

/// <summary>One check of a gate on one candidate; <paramref name="Text"/> is its output's tail (masked).</summary>
internal sealed record GateAttempted(
    string Id,
    string Host,
    StepStatus Status,
    string? Text,
    int? ExitCode,
    int? Attempt
) : JournalRecord;
