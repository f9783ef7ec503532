using Runbook.Execution;

namespace Runbook;

/// <summary>A run's id (its directory under the state directory; what resuming takes) and how it ended.</summary>
public sealed record RunResult(string Id, RunOutcome Outcome);
