using System.Collections.Immutable;

namespace Runbook.Graph;

/// <summary>
/// One host's clean-up in a batch, rendered for that host: its 'on_failure' steps (run after one of its steps failed,
/// before the host is given up) and its 'finally' steps (run once it is done with the batch's steps, failed or not).
/// </summary>
public sealed record HostCleanup(string Host, ImmutableArray<StepNode> OnFailure, ImmutableArray<StepNode> Finally)
{
    public IEnumerable<StepNode> Steps => OnFailure.Concat(Finally);
}
