using System.Collections.Immutable;
using Runbook.Compilation;

namespace Runbook.Graph;

/// <summary>
/// The compiled, immutable plan: phases, batches, per-host steps with fully rendered commands, gates, and the ordering
/// edges between them. plan and diff only read it; the executor runs exactly it.
/// </summary>
public sealed record ExecutionGraph(
    string Runbook,
    string? Description,
    string Inventory,
    int InventoryHosts,
    ImmutableArray<ParamValue> Params,
    ImmutableArray<PhaseNode> Phases,
    ImmutableArray<GraphEdge> Edges)
{
    /// <summary>Masks secret param values in anything shown or recorded: output lines, events, journals.</summary>
    public SecretMasker Secrets { get; init; } = SecretMasker.None;

    /// <summary>SHA-256 (hex) of the resolved param values; a resumed run refuses to continue when it changed.</summary>
    public string ParamsHash { get; init; } = string.Empty;

    public IEnumerable<StepNode> AllSteps() =>
        Phases.SelectMany(p => p.Batches).SelectMany(b => b.Segments).SelectMany(s => s.Steps);
}
