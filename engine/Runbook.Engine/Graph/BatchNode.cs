using System.Collections.Immutable;

namespace Runbook.Graph;

/// <summary>
/// A batch: its segments in order. Per-host and once segments run its steps; its gates are the segments after them,
/// run once every host is done.
/// </summary>
public sealed record BatchNode(
    string Id,
    int Number,
    ImmutableArray<string> Hosts,
    ImmutableArray<BatchSegment> Segments
)
{
    /// <summary>The segments that run steps, in order.</summary>
    public IEnumerable<BatchSegment> StepSegments => Segments.Where(s => s is not GateNode);

    /// <summary>The gates, in order: the last segments.</summary>
    public ImmutableArray<GateNode> Gates => [.. Segments.OfType<GateNode>()];
}
