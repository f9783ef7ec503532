namespace Runbook.Graph;

/// <summary>
/// A stretch of a batch, a closed set: a per-host segment (<see cref="HostStepsSegment"/>) runs each host's steps in
/// order, hosts concurrently; a once segment (<see cref="OnceSegment"/>, a step with on: any(...)) runs one step on the
/// first reachable candidate, after every host finished the stretch before; a gate (<see cref="GateNode"/>) checks
/// its candidates (any or all) after every step segment. Once segments and gates share one candidate walk.
/// </summary>
public abstract record BatchSegment
{
    public abstract IEnumerable<StepNode> Steps { get; }
}
