using System.Collections.Immutable;
using Runbook.Diagnostics;

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
    ImmutableArray<BatchNode> Batches
)
{
    /// <summary>Where the phase is written, for warnings about it.</summary>
    public SourceSpan Span { get; init; }

    /// <summary>Safety warnings the phase does on purpose (code, reason), in source order.</summary>
    public ImmutableArray<Model.AcceptedRisk> AcceptedRisks { get; init; } = [];
}
