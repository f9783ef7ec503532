using System.Collections.Immutable;

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
    ImmutableArray<PhaseNode> Phases)
{
    /// <summary>Roles whose members form a quorum: etcd, plus those the runbook and the inventory declare. Sorted.</summary>
    public ImmutableArray<string> QuorumRoles { get; init; } = [];

    /// <summary>The roles of every inventory host, by host name: what safety rules need to count quorum members.</summary>
    public ImmutableSortedDictionary<string, ImmutableArray<string>> HostRoles { get; init; } =
        ImmutableSortedDictionary<string, ImmutableArray<string>>.Empty.WithComparers(StringComparer.Ordinal);

    /// <summary>Masks secret param values in anything shown or recorded: output lines, events, journals.</summary>
    public SecretMasker Secrets { get; init; } = SecretMasker.None;

    /// <summary>SHA-256 (hex) of the resolved param values; a resumed run refuses to continue when it changed.</summary>
    public string ParamsHash { get; init; } = string.Empty;

    public IEnumerable<StepNode> AllSteps() =>
        Phases.SelectMany(p => p.Batches).SelectMany(b => b.Segments).SelectMany(s => s.Steps);
}
