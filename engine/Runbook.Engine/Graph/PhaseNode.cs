using System.Collections.Immutable;

namespace Runbook.Graph;

public sealed record PhaseNode(
    int Number,
    string Name,
    string? Description,
    string Selector,
    ImmutableArray<string> Hosts,
    string Serial,
    int MaxFailures,
    int? MaxFailPercent,
    ImmutableArray<BatchNode> Batches);
