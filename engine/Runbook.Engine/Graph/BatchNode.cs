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

    /// <summary>Checks that must pass before anything of the batch runs ('preconditions'), in order.</summary>
    public ImmutableArray<GateNode> Preconditions { get; init; } = [];

    /// <summary>
    /// Each host's 'on_failure' and 'finally' steps, in the order of <see cref="Hosts"/>; empty when the phase has
    /// neither. Not segments: they run when a host fails or finishes, not at a place in the batch.
    /// </summary>
    public ImmutableArray<HostCleanup> Cleanup { get; init; } = [];

    /// <summary>
    /// The clean-up of <paramref name="host"/>; null when it has none (it is not a host of the batch).
    /// </summary>
    public HostCleanup? CleanupOf(string host)
    {
        foreach (var c in Cleanup)
        {
            if (c.Host == host)
                return c;
        }

        return null;
    }
}
