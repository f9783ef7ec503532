using System.Collections.Immutable;

namespace Runbook.Graph;

public sealed record HostStepsSegment(ImmutableArray<HostSequence> Hosts) : BatchSegment
{
    public override IEnumerable<StepNode> Steps => Hosts.SelectMany(h => h.Steps);
}
