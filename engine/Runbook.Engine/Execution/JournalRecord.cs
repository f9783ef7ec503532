using System.Buffers;
using System.Diagnostics;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Runbook.Graph;
using Runbook.Transport;

namespace Runbook.Execution;

/// <summary>
/// One line of a run's journal (journal.ndjson). The journal has its own records, apart from the --events contract,
/// so that contract can change without touching resume: resume reads step-done, gate-done and the clean-up
/// records (step-started too, for 'finally'); the other records keep
/// the journal a full account of the run (its boundaries, what was under way, every output line). Every line carries
/// "record"; an event line (with "event") is a journal written before journal records existed.
/// </summary>
internal abstract record JournalRecord
{
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>When it happened (the event's time): what a report's timeline reads; resume does not.</summary>
    public DateTimeOffset At { get; init; }

    /// <summary>What the journal keeps of <paramref name="e"/> (already masked), stamped with its time; null for
    /// nothing.</summary>
    public static JournalRecord? From(RunEvent e) => Of(e) is { } record ? record with { At = e.Time } : null;

    private static JournalRecord? Of(RunEvent e) =>
        e switch
        {
            RunStarted r => new RunBegun(r.RunId, r.Runbook, r.Resumed) { PlanHash = r.PlanHash },
            StepStarted s => new StepBegun(s.Step, s.Host)
            {
                List = s.List,
                Batch = s.Batch,
                Name = s.Name,
                Command = s.Command,
            },
            StepOutput o => new OutputLogged(o.Step, o.Host, o.Stream, o.Text),
            StepAttempt a => new StepAttempted(a.Step, a.Host, a.Attempt, a.Status, a.Text),
            StepFinished s => new StepDone(s.Step, s.Host, s.Name, s.Status, s.Why, s.Capture, s.Captured)
            {
                List = s.List,
                Changed = s.Changed,
                ExitCode = s.ExitCode,
                Attempts = s.Attempts,
                Duration = s.Duration,
            },
            GateFinished g => new GateDone(g.Gate, g.Name, g.Status, g.Why)
            {
                Precondition = g.Precondition,
                Duration = g.Duration,
            },
            CleanupStarted c => new CleanupBegun(c.Batch, c.Host, c.List),
            CleanupFinished c => new CleanupDone(c.Batch, c.Host, c.List, c.Status),
            BatchFinished b => new BatchDone(b.Batch, b.Status),
            PhaseFinished p => new PhaseDone(p.Phase, p.Status),
            RunFinished r => new RunDone(r.Outcome) { Duration = r.Duration },
            PauseWaiting p => new PauseWaited(p.Step, p.Name, p.Message),
            PauseApproved p => new PauseApprovedBy(p.Step, p.Name, p.By, p.How),
            ClusterLockChanged l => new LockRecorded(l.What, l.Name, l.Host, l.Path, l.Text),
            // Resume reads none of these: they make the journal an account a report can draw (History).
            PhaseStarted p => new PhaseBegun(p.Phase, p.Name),
            BatchStarted b => new BatchBegun(b.Phase, b.Batch, b.Hosts),
            GateStarted g => new GateBegun(g.Gate, g.Batch, g.Name, g.Command) { Precondition = g.Precondition },
            GateAttempt a => new GateAttempted(a.Gate, a.Host, a.Status, a.Text, a.ExitCode, a.Attempt),
            StaleCommandFound or StaleCommandGone => StaleCommandRecord.Of(e),
            _ => null,
        };

    /// <summary>Whether the journal is synced to disk after this record: at batch, gate, phase, run ends.</summary>
    public bool IsBoundary =>
        this is BatchDone
            or GateDone
            or PhaseDone
            or RunDone
            or PauseWaited
            or PauseApprovedBy
            or LockRecorded
            or CleanupBegun
            or CleanupDone;

    public string ToJson()
    {
        var buffer = new ArrayBufferWriter<byte>(128);
        using (var w = new Utf8JsonWriter(buffer, Options))
        {
            w.WriteStartObject();
            switch (this)
            {
                case RunBegun r:
                    w.WriteString("record", "run-started");
                    w.WriteString("run", r.RunId);
                    w.WriteString("runbook", r.Runbook);
                    w.WriteBoolean("resumed", r.Resumed);
                    if (r.PlanHash is { } planHash)
                        w.WriteString("plan_hash", planHash);
                    break;
                case StepBegun s:
                    w.WriteString("record", "step-started");
                    w.WriteString("id", s.Id);
                    w.WriteString("host", s.Host);
                    if (EventJson.ListName(s.List) is { } begunList)
                        w.WriteString("list", begunList);
                    JournalHistory.WriteBegun(w, s);
                    break;
                case OutputLogged o:
                    w.WriteString("record", "step-output");
                    w.WriteString("id", o.Id);
                    w.WriteString("host", o.Host);
                    w.WriteString("stream", o.Stream == OutputStream.Stdout ? "stdout" : "stderr");
                    w.WriteString("text", o.Text);
                    break;
                case StepAttempted a:
                    // Resume does not read it: a step not done starts its attempts again.
                    w.WriteString("record", "step-attempt");
                    w.WriteString("id", a.Id);
                    w.WriteString("host", a.Host);
                    w.WriteNumber("attempt", a.Attempt);
                    w.WriteString("status", EventJson.Name(a.Status));
                    if (a.Why is { } attemptWhy)
                        w.WriteString("why", attemptWhy);
                    break;
                case StepDone s:
                    w.WriteString("record", "step-done");
                    w.WriteString("id", s.Id);
                    w.WriteString("host", s.Host);
                    w.WriteString("name", s.Name);
                    w.WriteString("status", EventJson.Name(s.Status));
                    if (s.Why is { } why)
                        w.WriteString("why", why);
                    if (s.Capture is { } capture)
                        w.WriteString("capture", capture);
                    if (s.Captured is { } captured)
                        w.WriteString("captured", captured);
                    if (EventJson.ListName(s.List) is { } doneList)
                        w.WriteString("list", doneList);
                    if (s.Changed is { } changed)
                        w.WriteBoolean("changed", changed);
                    JournalHistory.WriteDone(w, s.ExitCode, s.Attempts, s.Duration);
                    break;
                case GateDone g:
                    w.WriteString("record", "gate-done");
                    w.WriteString("id", g.Id);
                    w.WriteString("name", g.Name);
                    w.WriteString("status", EventJson.Name(g.Status));
                    if (g.Why is { } gateWhy)
                        w.WriteString("why", gateWhy);
                    if (EventJson.GateList(g.Precondition) is { } gateList)
                        w.WriteString("list", gateList);
                    JournalHistory.WriteDone(w, null, null, g.Duration);
                    break;
                case CleanupBegun c:
                    w.WriteString("record", "cleanup-started");
                    w.WriteString("batch", c.Batch);
                    w.WriteString("host", c.Host);
                    w.WriteString("list", EventJson.ListName(c.List));
                    break;
                case CleanupDone c:
                    w.WriteString("record", "cleanup-done");
                    w.WriteString("batch", c.Batch);
                    w.WriteString("host", c.Host);
                    w.WriteString("list", EventJson.ListName(c.List));
                    w.WriteString("status", EventJson.Name(c.Status));
                    break;
                case BatchDone b:
                    w.WriteString("record", "batch-done");
                    w.WriteString("id", b.Id);
                    w.WriteString("status", EventJson.Name(b.Status));
                    break;
                case PhaseDone p:
                    w.WriteString("record", "phase-done");
                    w.WriteNumber("phase", p.Phase);
                    w.WriteString("status", EventJson.Name(p.Status));
                    break;
                case RunDone r:
                    w.WriteString("record", "run-done");
                    w.WriteString("outcome", Executor.OutcomeName(r.Outcome));
                    JournalHistory.WriteDone(w, null, null, r.Duration);
                    break;
                case PauseWaited p:
                    w.WriteString("record", "pause-waiting");
                    w.WriteString("id", p.Id);
                    w.WriteString("name", p.Name);
                    w.WriteString("message", p.Message);
                    break;
                case PauseApprovedBy p:
                    w.WriteString("record", "pause-approved");
                    w.WriteString("id", p.Id);
                    w.WriteString("name", p.Name);
                    w.WriteString("by", p.By);
                    w.WriteString("how", p.How);
                    break;
                case LockRecorded l:
                    w.WriteString("record", "lock-" + EventJson.Name(l.What));
                    w.WriteString("name", l.Name);
                    w.WriteString("host", l.Host);
                    w.WriteString("path", l.Path);
                    w.WriteString("text", l.Text);
                    break;
                default:
                    if (!JournalHistory.TryWrite(w, this) && !StaleCommandRecord.TryWrite(w, this))
                        throw new UnreachableException($"no JSON for {GetType().Name}");
                    break;
            }

            JournalHistory.WriteTime(w, At);
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>
    /// The record resume reads from a line: a step-started, step-done, gate-done, cleanup-started or
    /// cleanup-done; <see cref="Other"/> for any other complete
    /// record; <see cref="OldEventLine"/> for an event line of an old journal; null for anything incomplete (a
    /// torn write).
    /// </summary>
    public static JournalRecord? TryParse(string line)
    {
        try
        {
            using var doc = JsonDocument.Parse(line);
            var r = doc.RootElement;
            if (r.ValueKind != JsonValueKind.Object)
                return null;
            if (Str(r, "record") is not { } kind)
                return Str(r, "event") is null ? null : new OldEventLine();
            var status = Str(r, "status") is { } s ? StatusNamed(s) : null;
            return (kind, status, Str(r, "id")) switch
            {
                ("step-done", { } done, { } id) when Str(r, "host") is { } host => new StepDone(
                    id,
                    host,
                    Str(r, "name") ?? string.Empty,
                    done,
                    Str(r, "why"),
                    Str(r, "capture"),
                    Str(r, "captured")
                )
                {
                    List = EventJson.ListNamed(Str(r, "list")),
                },
                ("step-started", _, { } id) when Str(r, "host") is { } host => new StepBegun(id, host)
                {
                    List = EventJson.ListNamed(Str(r, "list")),
                },
                ("cleanup-started", _, _) when Str(r, "batch") is { } batch && Str(r, "host") is { } host =>
                    new CleanupBegun(batch, host, EventJson.ListNamed(Str(r, "list"))),
                ("cleanup-done", { } done, _) when Str(r, "batch") is { } batch && Str(r, "host") is { } host =>
                    new CleanupDone(batch, host, EventJson.ListNamed(Str(r, "list")), done),
                ("pause-waiting", _, { } id) => new PauseWaited(id, Str(r, "name") ?? string.Empty, string.Empty),
                ("gate-done", { } done, { } id) => new GateDone(
                    id,
                    Str(r, "name") ?? string.Empty,
                    done,
                    Str(r, "why")
                ),
                _ => Other,
            };
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>A complete record that resume does not read.</summary>
    private static readonly JournalRecord Other = new Unread();

    private static StepStatus? StatusNamed(string name) =>
        Enum.GetValues<StepStatus>().Cast<StepStatus?>().FirstOrDefault(x => EventJson.Name(x!.Value) == name);

    private static string? Str(JsonElement r, string name) =>
        r.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private sealed record Unread : JournalRecord;
}

/// <summary>A line of the --events format: the journal predates journal records.</summary>
internal sealed record OldEventLine : JournalRecord;

internal sealed record RunBegun(string RunId, string Runbook, bool Resumed) : JournalRecord
{
    /// <summary>The hash of the plan the run (or this resume of it) ran.</summary>
    public string? PlanHash { get; init; }
}

internal sealed record StepBegun(string Id, string Host) : JournalRecord
{
    public StepList List { get; init; }

    /// <summary>The batch, the step's name and its command as shown (masked): for reports, not resume.</summary>
    public string? Batch { get; init; }

    public string? Name { get; init; }

    public string? Command { get; init; }
}

/// <summary>One attempt of a step with 'retries' ended.</summary>
internal sealed record StepAttempted(string Id, string Host, int Attempt, StepStatus Status, string? Why)
    : JournalRecord;

internal sealed record OutputLogged(string Id, string Host, OutputStream Stream, string Text) : JournalRecord;

/// <param name="Captured">What an ok step captured as <paramref name="Capture"/>; null when it held a secret.</param>
internal sealed record StepDone(
    string Id,
    string Host,
    string Name,
    StepStatus Status,
    string? Why,
    string? Capture,
    string? Captured
) : JournalRecord
{
    /// <summary>
    /// The phase's list the step is in; resume reads only its steps, clean-up runs again when needed.
    /// </summary>
    public StepList List { get; init; }

    /// <summary>Whether a file step changed the host (absent for other kinds): an account; resume does not read
    /// it.</summary>
    public bool? Changed { get; init; }

    /// <summary>The exit code, attempts and duration, as the step-finished event has them: for reports.</summary>
    public int? ExitCode { get; init; }

    public int? Attempts { get; init; }

    public TimeSpan? Duration { get; init; }
}

internal sealed record GateDone(string Id, string Name, StepStatus Status, string? Why) : JournalRecord
{
    /// <summary>A precondition: resume checks it again whatever it was.</summary>
    public bool Precondition { get; init; }

    public TimeSpan? Duration { get; init; }
}

/// <summary>A host's 'on_failure' or 'finally' began in a batch.</summary>
internal sealed record CleanupBegun(string Batch, string Host, StepList List) : JournalRecord;

internal sealed record CleanupDone(string Batch, string Host, StepList List, StepStatus Status) : JournalRecord;

internal sealed record BatchDone(string Id, StepStatus Status) : JournalRecord;

internal sealed record PhaseDone(int Phase, StepStatus Status) : JournalRecord;

internal sealed record RunDone(RunOutcome Outcome) : JournalRecord
{
    public TimeSpan? Duration { get; init; }
}

/// <summary>A pause waits for approval; resume reads it: an approval given on resume is for this pause.</summary>
internal sealed record PauseWaited(string Id, string Name, string Message) : JournalRecord;

internal sealed record PauseApprovedBy(string Id, string Name, string By, string How) : JournalRecord;

internal sealed record LockRecorded(ClusterLockEvent What, string Name, string Host, string Path, string Text)
    : JournalRecord;
