using Runbook.Execution;

namespace Runbook;

/// <summary>A run's id (its directory under the state directory; what resuming takes) and how it ended.</summary>
public sealed record RunResult(string Id, RunOutcome Outcome)
{
    /// <summary>
    /// Writes to the run's files that failed (<see cref="RunOutcome.StoreFailed"/>): the first stopped the run; one
    /// marked <see cref="StoreFault.Final"/> means the journal has no end of the run either. Empty when none failed.
    /// </summary>
    public IReadOnlyList<StoreFault> StoreFaults { get; init; } = [];
}
