using System.Collections.Immutable;

namespace Runbook.Graph;

/// <summary>
/// A step with on: any(...): runs once, on the first reachable of <see cref="Candidates"/>. <see cref="PerHost"/> is empty
/// when the step renders the same for every candidate; <see cref="Step"/> is then the one to run.
/// </summary>
public sealed record OnceSegment(
    string Target,
    ImmutableArray<string> Candidates,
    StepNode Step,
    ImmutableArray<StepNode> PerHost
) : BatchSegment
{
    public override IEnumerable<StepNode> Steps => PerHost.IsEmpty ? [Step] : PerHost;

    public StepNode StepFor(string host) => PerHost.FirstOrDefault(s => s.Host == host) ?? Step;
}
