using Runbook.Diagnostics;
using Runbook.Graph;
using Runbook.Transport;

namespace Runbook.Execution;

/// <summary>
/// One thing that happened in a run; each kind is its own record with only its own fields. The hierarchy is closed
/// (only this assembly can add a kind), so observers switch over it and <see cref="EventJson"/> is its one
/// serializer. Text fields hold display text only (commands as <c>Display</c>, output lines masked): the publisher
/// masks before handing an event on, and stamps <see cref="Time"/> as it does.
/// </summary>
public abstract record RunEvent
{
    private protected RunEvent() { }

    public DateTimeOffset Time { get; init; }

    /// <summary>
    /// The event with <paramref name="mask"/> applied to every text field (names, commands, output, reasons, captured
    /// values). Ids, hosts and batches are left as they are: resume matches on them.
    /// </summary>
    internal abstract RunEvent Masked(Func<string, string> mask);

    private protected static string? Mask(Func<string, string> mask, string? text) => text is null ? null : mask(text);
}

public sealed record RunStarted(string Runbook, string RunId, bool Resumed) : RunEvent
{
    /// <summary>The hash of the plan being run (docs/ci.md); null when the run was not given one.</summary>
    public string? PlanHash { get; init; }

    internal override RunEvent Masked(Func<string, string> mask) =>
        this with
        {
            Runbook = mask(Runbook),
            RunId = mask(RunId),
        };
}

/// <summary>The run ended with <paramref name="Outcome"/> after <paramref name="Duration"/>.</summary>
public sealed record RunFinished(string Runbook, RunOutcome Outcome, TimeSpan Duration) : RunEvent
{
    /// <summary>
    /// The exit code <c>runbook run</c> ends with for this outcome (README, "Exit codes"), so a pipeline reading the
    /// events needs no table of its own; the same from the CLI and from the front door.
    /// </summary>
    public int ExitCode => RunOutcomes.ExitCode(Outcome);

    internal override RunEvent Masked(Func<string, string> mask) => this with { Runbook = mask(Runbook) };
}

public sealed record PhaseStarted(int Phase, string Name) : RunEvent
{
    internal override RunEvent Masked(Func<string, string> mask) => this with { Name = mask(Name) };
}

public sealed record PhaseFinished(int Phase, string Name, StepStatus Status, TimeSpan Duration) : RunEvent
{
    internal override RunEvent Masked(Func<string, string> mask) => this with { Name = mask(Name) };
}

/// <summary>A batch began with <paramref name="Hosts"/>, in order.</summary>
public sealed record BatchStarted(int Phase, string Batch, IReadOnlyList<string> Hosts) : RunEvent
{
    internal override RunEvent Masked(Func<string, string> mask) => this with { Hosts = [.. Hosts.Select(mask)] };
}

public sealed record BatchFinished(int Phase, string Batch, StepStatus Status, TimeSpan Duration) : RunEvent
{
    internal override RunEvent Masked(Func<string, string> mask) => this;
}

/// <param name="Step">The step id, e.g. p1.b2.etcd-2.s1.</param>
/// <param name="Command">What the step does, as shown (its kind's display text).</param>
public sealed record StepStarted(int Phase, string Batch, string Host, string Step, string Name, string Command)
    : RunEvent
{
    /// <summary>The phase's list the step is in: its steps, 'on_failure' or 'finally'.</summary>
    public StepList List { get; init; }

    /// <summary>Where the step is written: the runbook's file, or the included file's for an included step.</summary>
    public SourceSpan Source { get; init; }

    internal override RunEvent Masked(Func<string, string> mask) =>
        this with
        {
            Name = mask(Name),
            Command = mask(Command),
        };
}

public sealed record StepOutput(int Phase, string Batch, string Host, string Step, OutputStream Stream, string Text)
    : RunEvent
{
    /// <summary>For a step with 'retries', the attempt that printed the line; null otherwise.</summary>
    public int? Attempt { get; init; }

    internal override RunEvent Masked(Func<string, string> mask) => this with { Text = mask(Text) };
}

/// <summary>
/// One attempt of a step with 'retries' ended (every attempt, the last one too; a step without retries has none):
/// <paramref name="Text"/> says why it failed and, when it runs again, when.
/// </summary>
public sealed record StepAttempt(
    int Phase,
    string Batch,
    string Host,
    string Step,
    string Name,
    StepStatus Status,
    int Attempt,
    int? ExitCode,
    TimeSpan Duration,
    string? Text
) : RunEvent
{
    /// <summary>Where the step is written: the runbook's file, or the included file's for an included step.</summary>
    public SourceSpan Source { get; init; }

    internal override RunEvent Masked(Func<string, string> mask) =>
        this with
        {
            Name = mask(Name),
            Text = Mask(mask, Text),
        };
}

/// <summary>A step ended. A step that never started (skipped, or failed before it could) has no duration.</summary>
/// <param name="Why">Why it was skipped or did not succeed.</param>
/// <param name="Capture">An ok step's 'capture: NAME'.</param>
/// <param name="Captured">The captured value, so a resumed run can restore it; absent when it held a secret.</param>
/// <param name="Changed">For steps that know (file steps): true when they changed the host, false when it already was
/// as asked; null for the others.</param>
public sealed record StepFinished(
    int Phase,
    string Batch,
    string Host,
    string Step,
    string Name,
    StepStatus Status,
    int? ExitCode = null,
    int? Attempts = null,
    TimeSpan? Duration = null,
    string? Why = null,
    string? Capture = null,
    string? Captured = null,
    bool? Changed = null
) : RunEvent
{
    /// <summary>The phase's list the step is in: its steps, 'on_failure' or 'finally'.</summary>
    public StepList List { get; init; }

    /// <summary>Where the step is written: the runbook's file, or the included file's for an included step.</summary>
    public SourceSpan Source { get; init; }

    internal override RunEvent Masked(Func<string, string> mask) =>
        this with
        {
            Name = mask(Name),
            Why = Mask(mask, Why),
            Captured = Mask(mask, Captured),
        };
}

/// <param name="Gate">The gate id.</param>
public sealed record GateStarted(int Phase, string Batch, string Gate, string Name, string Command) : RunEvent
{
    /// <summary>A precondition, checked before the batch's steps, rather than a gate after them.</summary>
    public bool Precondition { get; init; }

    internal override RunEvent Masked(Func<string, string> mask) =>
        this with
        {
            Name = mask(Name),
            Command = mask(Command),
        };
}

/// <summary>
/// One attempt of a gate's check on one candidate; without <paramref name="Attempt"/> when the candidate could not be
/// reached or the check could not be sent.
/// </summary>
/// <param name="Text">The check's output (trimmed, cut at 200 characters) or why it could not run.</param>
public sealed record GateAttempt(
    int Phase,
    string Batch,
    string Host,
    string Gate,
    string Name,
    StepStatus Status,
    string? Text,
    int? ExitCode = null,
    int? Attempt = null,
    TimeSpan? Duration = null
) : RunEvent
{
    /// <summary>An attempt of a precondition, checked before the batch's steps, rather than of a gate.</summary>
    public bool Precondition { get; init; }

    /// <summary>
    /// The end of what the check wrote on stderr (masked, control characters escaped, at most
    /// <see cref="OutputTail.MaxLines"/> lines and <see cref="OutputTail.MaxChars"/> characters); null when it wrote
    /// nothing there. Why a health check failed is usually there, not on stdout.
    /// </summary>
    public string? Stderr { get; init; }

    internal override RunEvent Masked(Func<string, string> mask) =>
        this with
        {
            Name = mask(Name),
            Text = Mask(mask, Text),
            Stderr = Mask(mask, Stderr),
        };
}

public sealed record GateFinished(
    int Phase,
    string Batch,
    string Gate,
    string Name,
    StepStatus Status,
    TimeSpan Duration,
    string? Why
) : RunEvent
{
    /// <summary>A precondition, checked before the batch's steps, rather than a gate after them.</summary>
    public bool Precondition { get; init; }

    internal override RunEvent Masked(Func<string, string> mask) =>
        this with
        {
            Name = mask(Name),
            Why = Mask(mask, Why),
        };
}

/// <summary>
/// A host's clean-up began: its 'on_failure' steps after one of its steps failed (<paramref name="Why"/> names it),
/// or its 'finally' steps. A resumed run starts the phase again from its first step on a host whose 'on_failure' began.
/// </summary>
public sealed record CleanupStarted(int Phase, string Batch, string Host, StepList List, string? Why) : RunEvent
{
    internal override RunEvent Masked(Func<string, string> mask) => this with { Why = Mask(mask, Why) };
}

/// <summary>A host's clean-up ended: ok, or how its first step that did not succeed ended.</summary>
public sealed record CleanupFinished(
    int Phase,
    string Batch,
    string Host,
    StepList List,
    StepStatus Status,
    TimeSpan Duration
) : RunEvent
{
    internal override RunEvent Masked(Func<string, string> mask) => this;
}
