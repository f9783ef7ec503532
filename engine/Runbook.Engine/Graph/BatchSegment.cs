namespace Runbook.Graph;

/// <summary>
/// A stretch of a batch. A per-host segment runs each host's steps in order, hosts concurrently; a once segment
/// (a step with on: any(...)) runs one step on the first reachable candidate, after every host finished the stretch before.
/// </summary>
public abstract record BatchSegment
{
    public abstract IEnumerable<StepNode> Steps { get; }
}

