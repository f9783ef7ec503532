namespace Runbook.History;

/// <summary>
/// A run as its store keeps it (run.json and the journal), read back for <c>runbook runs</c> and <c>runbook
/// report</c>. Every text is as the journal has it: already masked when the run wrote it. Times are null in journals
/// written before records carried them.
/// </summary>
/// <param name="Outcome">The last run-done's outcome ("succeeded", "step-failed"…); null while unfinished.</param>
/// <param name="Duration">The last attempt's duration (run-done); null while unfinished.</param>
internal sealed record RunListing(
    string Id,
    string Runbook,
    string Inventory,
    DateTimeOffset Started,
    string? Outcome,
    TimeSpan? Duration,
    string? StartedBy,
    string? CiJob
)
{
    /// <summary>What a listing says for an unfinished run (killed, or still going).</summary>
    public const string Unfinished = "unfinished";

    public string OutcomeOrUnfinished => Outcome ?? Unfinished;
}

/// <summary>Everything a report shows of one run.</summary>
/// <param name="PlanHash">run.json's plan_hash when the run was started from a reviewed plan; else null.</param>
/// <param name="Fingerprint">The inputs' hashes run.json records (runbook, inventory, params), in that order.</param>
/// <param name="Attempts">How many times the run was started: 1, plus one per resume.</param>
internal sealed record RunReport(
    RunListing Run,
    string? PlanHash,
    IReadOnlyList<(string Name, string Value)> Fingerprint,
    IReadOnlyList<(string Name, string Value)> Params,
    string? Limit,
    int Attempts,
    DateTimeOffset? Ended,
    IReadOnlyList<PhaseReport> Phases,
    IReadOnlyList<ClusterSampleRow> Samples
)
{
    public IEnumerable<BatchReport> Batches => Phases.SelectMany(p => p.Batches);

    public IEnumerable<StepReport> Steps => Batches.SelectMany(b => b.Steps);

    public IEnumerable<GateReport> Gates => Batches.SelectMany(b => b.Gates);

    /// <summary>
    /// The earliest and latest time the journal records; null when it has none. The run's start (run.json) is left
    /// out: the preflight before the first batch would be an empty stretch of the timeline.
    /// </summary>
    public (DateTimeOffset From, DateTimeOffset To)? Span
    {
        get
        {
            var times = Batches
                .SelectMany(b =>
                    new[] { b.Started, b.Ended }
                        .Concat(b.Steps.SelectMany(s => new[] { s.Started, s.Ended }))
                        .Concat(b.Gates.SelectMany(g => new[] { g.Started, g.Ended }))
                        .Concat(b.Pauses.SelectMany(p => new[] { p.WaitedAt, p.ApprovedAt }))
                )
                .Append(Ended)
                .OfType<DateTimeOffset>()
                .ToList();
            return times.Count == 0 ? null : (times.Min(), times.Max());
        }
    }
}

internal sealed record PhaseReport(int Number, string Name, string? Status, IReadOnlyList<BatchReport> Batches);

internal sealed record BatchReport(
    string Id,
    int Phase,
    IReadOnlyList<string> Hosts,
    string? Status,
    DateTimeOffset? Started,
    DateTimeOffset? Ended,
    IReadOnlyList<StepReport> Steps,
    IReadOnlyList<GateReport> Gates,
    IReadOnlyList<PauseReport> Pauses
);

/// <param name="Host">The host, or "(controller)" for a step run once for the batch.</param>
/// <param name="List">"steps", "on_failure" or "finally".</param>
/// <param name="Status">"ok", "failed", "skipped"…; null when the step began and the journal has no end for
/// it.</param>
/// <param name="Output">Its output lines, (stream, text), of its last attempt.</param>
internal sealed record StepReport(
    string Id,
    string Batch,
    string Host,
    string Name,
    string? Command,
    string List,
    string? Status,
    string? Why,
    int? ExitCode,
    int? Attempts,
    DateTimeOffset? Started,
    DateTimeOffset? Ended,
    TimeSpan? Duration,
    IReadOnlyList<(string Stream, string Text)> Output
);

/// <param name="Checks">Each check (host, status, exit code, output tail) in order.</param>
internal sealed record GateReport(
    string Id,
    string Batch,
    string Name,
    string? Command,
    bool Precondition,
    string? Status,
    string? Why,
    DateTimeOffset? Started,
    DateTimeOffset? Ended,
    TimeSpan? Duration,
    IReadOnlyList<GateCheck> Checks
);

internal sealed record GateCheck(string Host, string Status, int? ExitCode, string? Text);

internal sealed record PauseReport(
    string Id,
    string Batch,
    string Name,
    string? Message,
    DateTimeOffset? WaitedAt,
    DateTimeOffset? ApprovedAt,
    string? By
);

/// <summary>
/// One sample of the lab's cluster watcher (runbook lab watch --out, ClusterWatcher): what the cluster looked like
/// while the run went on.
/// </summary>
internal sealed record ClusterSampleRow(
    DateTimeOffset At,
    bool Quorum,
    IReadOnlyList<string> MembersUp,
    IReadOnlyList<string> MembersUnhealthy,
    IReadOnlyList<string> MembersDown,
    IReadOnlyList<(string Node, int Status)> Readyz
);
