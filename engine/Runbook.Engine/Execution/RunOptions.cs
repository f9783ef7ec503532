namespace Runbook.Execution;

/// <summary>How to run a graph.</summary>
/// <param name="Forks">The size of the run's <see cref="ForkBudget"/>: hosts at once, connections kept open.</param>
internal sealed record RunOptions(string RunId, int Forks = 50)
{
    public TimeProvider Time { get; init; } = TimeProvider.System;

    public IReadOnlyList<IRunObserver> Observers { get; init; } = [];

    /// <summary>The run's directory (run.json, journal, fetched files); null: .runbook/runs/ID.</summary>
    public string? Directory { get; init; }

    /// <summary>Steps and gates an earlier attempt of this run already completed; they are not run again.</summary>
    public ResumeState Resume { get; init; } = ResumeState.None;

    /// <summary>How the run's pauses are approved.</summary>
    public PauseApprovals Pauses { get; init; } = PauseApprovals.None;

    /// <summary>Who the run says it is in a cluster lock's owner file.</summary>
    public ClusterLockOwner LockOwner { get; init; } = new("unknown", null);

    /// <summary>Check every host the plan touches before the first step (<see cref="Execution.Preflight"/>).</summary>
    public bool Preflight { get; init; }

    /// <summary>The timeout of a step that gives none (RunSettings.DefaultStepTimeout); null: none.</summary>
    public TimeSpan? DefaultStepTimeout { get; init; }

    /// <summary>The run resumes an earlier attempt: before anything runs on a host, commands of that attempt still
    /// running there are waited for, or killed (<see cref="StaleCommands"/>).</summary>
    public bool Resumed { get; init; }

    /// <summary>Kill the commands of the earlier attempt still running rather than wait for them.</summary>
    public bool KillStale { get; init; }

    /// <summary>
    /// How many preflight connections stay open for the steps (<see cref="HostConnections.PinLimit"/>).
    /// </summary>
    public int PinLimit { get; init; } = HostConnections.DefaultPinLimit;

    /// <summary>The plan's hash, for the run-started event; null when the caller did not compute it.</summary>
    public string? PlanHash { get; init; }
}
