using Runbook.Execution;
using Runbook.Transport;

namespace Runbook;

/// <summary>How <see cref="RunbookEngine.RunAsync"/> runs a plan. Only <see cref="Transport"/> must be set.</summary>
public sealed record RunSettings
{
    /// <summary>
    /// Builds the run's transport, given the endpoints of the plan's hosts: the one way to choose it (the SSH
    /// transport, or an in-process one in tests). Called once per run, before the run is created or a resume is
    /// checked, so a factory that throws (bad settings) leaves no run behind; a transport that is
    /// <see cref="IAsyncDisposable"/> is disposed when the run ends.
    /// </summary>
    public required Func<IReadOnlyCollection<HostEndpoint>, ITransport> Transport { get; init; }

    /// <summary>The most hosts of a batch that run at the same time, and the most connections kept open.</summary>
    public int Forks { get; init; } = 50;

    /// <summary>Where runs are kept: <c>runs/&lt;id&gt;/run.json</c> and <c>journal.ndjson</c> under it.</summary>
    public string StateDirectory { get; init; } = ".runbook";

    /// <summary>The id of a run to resume, or "last" for the newest; null starts a new run.</summary>
    public string? Resume { get; init; }

    /// <summary>Resume even when the runbook, inventory or params changed since the run started.</summary>
    public bool Force { get; init; }

    /// <summary>
    /// Who receives every event after the journal has it (renderers, an events stream, a summary), given the run's id.
    /// Called once the run is prepared (its id chosen, a resume checked, the run held by this process) and before it
    /// starts, so a refused run opens nothing: an events file is not truncated by a resume that is refused.
    /// </summary>
    public Func<string, IReadOnlyList<IRunObserver>> Observers { get; init; } = _ => [];

    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>
    /// Asks a person to approve each pause the run reaches (a front end with a terminal gives one); null when nobody
    /// can be asked: a pause not approved in advance then stops the run, waiting for approval
    /// (<see cref="RunOutcome.WaitingForApproval"/>), to be resumed with <see cref="ApproveInAdvance"/>.
    /// </summary>
    public IApprover? Approver { get; init; }

    /// <summary>
    /// Approval given before the run starts: for the pause the resumed run waits at (a resume is refused when it waits
    /// at none), or for every pause. Recorded in the journal with who gave it.
    /// </summary>
    public ApprovalInAdvance? ApproveInAdvance { get; init; }

    /// <summary>Who the run says it is in the owner file of a cluster lock it takes.</summary>
    public ClusterLockOwner LockOwner { get; init; } =
        ClusterLockOwner.FromEnvironment(Environment.GetEnvironmentVariable);

    /// <summary>
    /// Before the first step, connect to every host the plan touches and check host keys, authentication, sudo where
    /// the plan becomes root and the commands steps and gates require (<see cref="RunbookEngine.CheckAsync"/> does
    /// only this). A problem ends the run before anything ran.
    /// </summary>
    public bool Preflight { get; init; } = true;

    /// <summary>
    /// How many preflight connections stay open for the steps (<see cref="Execution.HostConnections"/>).
    /// </summary>
    internal int PinLimit { get; init; } = Execution.HostConnections.DefaultPinLimit;

    /// <summary>
    /// Start (or resume) the run even beside another run of the same runbook and inventory that is going on, or a
    /// newest one that stopped unfinished; without it such a run is refused
    /// (<see cref="Errors.RunRefusal.Concurrent"/>,
    /// <see cref="Errors.RunRefusal.Unfinished"/>).
    /// </summary>
    public bool AllowConcurrent { get; init; }

    /// <summary>
    /// When resuming, kill the commands of the run's earlier attempt that are still running on its hosts (the engine
    /// was killed, they were not): TERM, then KILL after a grace. Without it the run waits for them to end (up to
    /// their step's timeout) before it runs anything on their host.
    /// </summary>
    public bool KillStale { get; init; }

    /// <summary>
    /// The timeout of every step that has no <c>timeout</c> of its own: a step on a host that froze ends, timed out,
    /// after it rather than holding the run for ever. One hour unless set; null for none.
    /// </summary>
    /// <summary>
    /// The plan hash a reviewer approved (<c>runbook run --plan</c>); null when none. The run is refused
    /// (<see cref="Errors.RunRefusal.PlanChanged"/>) unless the plan hashes to it; run.json records it, and a resume
    /// of the run must hash to it too.
    /// </summary>
    public string? ReviewedPlanHash { get; init; }

    public TimeSpan? DefaultStepTimeout { get; init; } = DefaultTimeout;

    /// <summary>The default of <see cref="DefaultStepTimeout"/>: one hour.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromHours(1);
}
