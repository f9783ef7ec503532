namespace Runbook.Errors;

/// <summary>Why the engine would not start or resume a run.</summary>
public enum RunRefusal
{
    /// <summary>The newest run was asked for, and there is none.</summary>
    NoRuns,

    /// <summary>No run has the id asked for.</summary>
    UnknownRun,

    /// <summary>
    /// The runbook, inventory or params differ from those the run started with
    /// (<see cref="RunRefusedException.Changed"/>).
    /// </summary>
    InputsChanged,

    /// <summary>Another process is running it (<see cref="RunRefusedException.OwnerPid"/>).</summary>
    Held,

    /// <summary>A new run got the id of one that exists.</summary>
    AlreadyExists,

    /// <summary>Its run.json holds nothing, or its journal is in a format this version cannot resume.</summary>
    Unreadable,

    /// <summary>Approval was given for the pause a resumed run waits at, and it waits at none.</summary>
    NotWaiting,

    /// <summary>
    /// Another run of the same runbook and inventory is going on in another process
    /// (<see cref="RunRefusedException.RunId"/> names it, <see cref="RunRefusedException.OwnerPid"/> its process).
    /// </summary>
    Concurrent,

    /// <summary>
    /// The newest run of the same runbook and inventory began changing hosts and stopped before it succeeded
    /// (<see cref="RunRefusedException.RunId"/> names it): resume it, or start another on purpose.
    /// </summary>
    Unfinished,

    /// <summary>
    /// The plan does not hash to the reviewed plan hash (<see cref="RunSettings.ReviewedPlanHash"/>): something it was
    /// compiled from differs from what was reviewed.
    /// </summary>
    PlanChanged,

    /// <summary>
    /// The run store (its directory, or the run's journal) cannot be written: a file, a read-only or a full file
    /// system. Nothing ran.
    /// </summary>
    StoreUnwritable,
}

/// <summary>
/// The engine would not start or resume a run. The message names no command-line flag: a front end words the way out
/// in its own terms from <see cref="Reason"/> (the CLI adds <c>--resume</c> and <c>--force</c>).
/// </summary>
public sealed class RunRefusedException(RunRefusal reason, string runId, string message) : RunbookException(message)
{
    public RunRefusal Reason { get; } = reason;

    /// <summary>The run asked for, or "last".</summary>
    public string RunId { get; } = runId;

    /// <summary>With <see cref="RunRefusal.InputsChanged"/>: "runbook", "inventory", "params", in that order.</summary>
    public IReadOnlyList<string> Changed { get; init; } = [];

    /// <summary>
    /// With <see cref="RunRefusal.Held"/> and <see cref="RunRefusal.Concurrent"/>: the process that holds the run, as
    /// it recorded itself ("unknown" if it did not).
    /// </summary>
    public string? OwnerPid { get; init; }
}
