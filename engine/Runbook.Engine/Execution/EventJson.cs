using System.Buffers;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Runbook.Diagnostics;
using Runbook.Graph;
using Runbook.Transport;

namespace Runbook.Execution;

/// <summary>
/// One event as one JSON line of the --events contract, properties in a fixed order, absent fields left out.
/// </summary>
internal static class EventJson
{
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>
    /// The fields of the public NDJSON contract (README, "Events"), in the order they are written. Each kind fills
    /// its own; the contract keeps one shape across kinds, so consumers read "status" or "text" the same way.
    /// </summary>
    private readonly record struct Row(
        string Event,
        int? Phase = null,
        string? Batch = null,
        string? Host = null,
        string? Step = null,
        string? Name = null,
        StepStatus? Status = null,
        int? Exit = null,
        int? Attempt = null,
        TimeSpan? Duration = null,
        string? Stream = null,
        string? Text = null,
        string? Capture = null,
        string? Captured = null,
        string? By = null,
        string? List = null,
        bool? Changed = null,
        int? ExitCode = null,
        string? Stderr = null,
        SourceSpan? Source = null,
        string? PlanHash = null,
        int? Pid = null
    );

    private static Row RowOf(RunEvent e) =>
        e switch
        {
            RunStarted r => new(
                "run-started",
                Name: r.Runbook,
                Text: r.RunId + (r.Resumed ? " (resumed)" : string.Empty),
                PlanHash: r.PlanHash
            ),
            RunFinished r => new(
                "run-finished",
                Name: r.Runbook,
                Status: StatusOf(r.Outcome),
                Duration: r.Duration,
                Text: Executor.OutcomeName(r.Outcome),
                ExitCode: r.ExitCode
            ),
            PhaseStarted p => new("phase-started", p.Phase, Name: p.Name),
            PhaseFinished p => new("phase-finished", p.Phase, Name: p.Name, Status: p.Status, Duration: p.Duration),
            BatchStarted b => new("batch-started", b.Phase, b.Batch, Text: string.Join(' ', b.Hosts)),
            BatchFinished b => new("batch-finished", b.Phase, b.Batch, Status: b.Status, Duration: b.Duration),
            StepStarted s => new(
                "step-started",
                s.Phase,
                s.Batch,
                s.Host,
                s.Step,
                s.Name,
                Text: s.Command,
                List: ListName(s.List),
                Source: s.Source
            ),
            StepOutput o => new(
                "step-output",
                o.Phase,
                o.Batch,
                o.Host,
                o.Step,
                Attempt: o.Attempt,
                Stream: o.Stream == OutputStream.Stdout ? "stdout" : "stderr",
                Text: o.Text
            ),
            StepAttempt a => new(
                "step-attempt",
                a.Phase,
                a.Batch,
                a.Host,
                a.Step,
                a.Name,
                a.Status,
                a.ExitCode,
                a.Attempt,
                a.Duration,
                Text: a.Text,
                Source: a.Source
            ),
            StepFinished s => new(
                "step-finished",
                s.Phase,
                s.Batch,
                s.Host,
                s.Step,
                s.Name,
                s.Status,
                s.ExitCode,
                s.Attempts,
                s.Duration,
                Text: s.Why,
                Capture: s.Capture,
                Captured: s.Captured,
                List: ListName(s.List),
                Changed: s.Changed,
                Source: s.Source
            ),
            GateStarted g => new(
                "gate-started",
                g.Phase,
                g.Batch,
                Step: g.Gate,
                Name: g.Name,
                Text: g.Command,
                List: GateList(g.Precondition)
            ),
            GateAttempt g => new(
                "gate-attempt",
                g.Phase,
                g.Batch,
                g.Host,
                g.Gate,
                g.Name,
                g.Status,
                g.ExitCode,
                g.Attempt,
                g.Duration,
                Text: g.Text,
                List: GateList(g.Precondition),
                Stderr: g.Stderr
            ),
            GateFinished g => new(
                "gate-finished",
                g.Phase,
                g.Batch,
                Step: g.Gate,
                Name: g.Name,
                Status: g.Status,
                Duration: g.Duration,
                Text: g.Why,
                List: GateList(g.Precondition)
            ),
            CleanupStarted c => new("cleanup-started", c.Phase, c.Batch, c.Host, Text: c.Why, List: ListName(c.List)),
            CleanupFinished c => new(
                "cleanup-finished",
                c.Phase,
                c.Batch,
                c.Host,
                Status: c.Status,
                Duration: c.Duration,
                List: ListName(c.List)
            ),
            PauseWaiting p => new(
                "pause-waiting",
                p.Phase,
                p.Batch,
                Step: p.Step,
                Name: p.Name,
                Status: StepStatus.Waiting,
                Text: p.Message
            ),
            PauseApproved p => new(
                "pause-approved",
                p.Phase,
                p.Batch,
                Step: p.Step,
                Name: p.Name,
                Text: p.How,
                By: p.By
            ),
            ClusterLockChanged l => new("lock-" + Name(l.What), Host: l.Host, Name: l.Name, Text: l.Text),
            PreflightStarted p => new("preflight-started", Text: $"{p.Hosts} host{(p.Hosts == 1 ? "" : "s")}"),
            PreflightChecked p => new(
                "preflight-host",
                Host: p.Host,
                Status: p.Status,
                Text: p.Problems.Count == 0 ? null : string.Join("; ", p.Problems)
            ),
            PreflightFinished p => new(
                "preflight-finished",
                Status: p.Failed == 0 ? StepStatus.Ok : StepStatus.Failed,
                Duration: p.Duration,
                Text: $"{p.Failed} of {p.Hosts} host{(p.Hosts == 1 ? "" : "s")} with problems"
            ),
            StaleCommandFound s => new(
                "stale-command",
                Host: s.Host,
                Step: s.Step,
                Status: StepStatus.Waiting,
                Duration: s.Running,
                Text: StaleCommandText.Found(s),
                Pid: s.Pid
            ),
            StaleCommandGone s => new(
                "stale-command-gone",
                Host: s.Host,
                Step: s.Step,
                Status: s.How == StaleCommandEnd.StillRunning ? StepStatus.Failed : StepStatus.Ok,
                Duration: s.Waited,
                Text: StaleCommandText.Gone(s),
                Pid: s.Pid
            ),
            _ => throw new UnreachableException($"no JSON for {e.GetType().Name}"),
        };

    /// <summary>The status a run-finished event shows for the run's outcome.</summary>
    private static StepStatus StatusOf(RunOutcome outcome) =>
        outcome switch
        {
            RunOutcome.Succeeded => StepStatus.Ok,
            RunOutcome.Interrupted => StepStatus.Interrupted,
            RunOutcome.WaitingForApproval => StepStatus.Waiting,
            _ => StepStatus.Failed,
        };

    public static string Serialize(RunEvent e)
    {
        var row = RowOf(e);
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var w = new Utf8JsonWriter(buffer, Options))
        {
            w.WriteStartObject();
            w.WriteString("ts", e.Time.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture));
            w.WriteString("event", row.Event);
            if (row.Phase is { } phase)
                w.WriteNumber("phase", phase);
            if (row.Batch is { } batch)
                w.WriteString("batch", batch);
            if (row.Host is { } host)
                w.WriteString("host", host);
            if (row.Step is { } step)
                w.WriteString("step", step);
            if (row.List is { } list)
                w.WriteString("list", list);
            if (row.Name is { } name)
                w.WriteString("name", name);
            if (row.Status is { } status)
                w.WriteString("status", Name(status));
            if (row.Exit is { } exit)
                w.WriteNumber("exit", exit);
            if (row.Attempt is { } attempt)
                w.WriteNumber("attempt", attempt);
            if (row.Duration is { } duration)
                w.WriteNumber("duration_ms", (long)duration.TotalMilliseconds);
            if (row.Stream is { } stream)
                w.WriteString("stream", stream);
            if (row.Text is { } text)
                w.WriteString("text", text);
            if (row.Capture is { } capture)
                w.WriteString("capture", capture);
            if (row.Captured is { } captured)
                w.WriteString("captured", captured);
            if (row.By is { } by)
                w.WriteString("by", by);
            if (row.Changed is { } changed)
                w.WriteBoolean("changed", changed);
            if (row.ExitCode is { } exitCode)
                w.WriteNumber("exit_code", exitCode);
            if (row.Stderr is { } stderr)
                w.WriteString("stderr", stderr);
            if (row.Source is { IsKnown: true } source)
            {
                w.WriteString("file", source.File);
                w.WriteNumber("line", source.Line);
                w.WriteNumber("column", source.Column);
            }
            if (row.PlanHash is { } planHash)
                w.WriteString("plan_hash", planHash);
            if (row.Pid is { } pid)
                w.WriteNumber("pid", pid);
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    public static string Name(StepStatus status) => Kebab(status.ToString());

    public static string Name(ClusterLockEvent what) => Kebab(what.ToString());
    /// <summary>
    /// "on_failure" or "finally" as the runbook spells the key; null for a phase's steps, which say none.
    /// </summary>
    public static string? ListName(Graph.StepList list) => list == Graph.StepList.Steps ? null : list.Key();

    /// <summary>The list a gate event names: "preconditions" for a precondition; none for a gate.</summary>
    public static string? GateList(bool precondition) => precondition ? "preconditions" : null;

    /// <summary>The list a name from <see cref="ListName"/> stands for; Steps for none.</summary>
    public static Graph.StepList ListNamed(string? name) =>
        name switch
        {
            "on_failure" => Graph.StepList.OnFailure,
            "finally" => Graph.StepList.Finally,
            _ => Graph.StepList.Steps,
        };

    private static string Kebab(string pascal)
    {
        var sb = new StringBuilder(pascal.Length + 4);
        foreach (var c in pascal)
        {
            if (char.IsUpper(c) && sb.Length > 0)
                sb.Append('-');
            sb.Append(char.ToLowerInvariant(c));
        }

        return sb.ToString();
    }
}
