using Runbook.Safety;

namespace Runbook.Diffing;

/// <summary>
/// The difference between the plans of two runbooks (or two inventories): changes to the params and inventory
/// (<see cref="Header"/>), the phases that changed, and the risk notes the change brings. Passive data for the renderers.
/// </summary>
public sealed record DiffResult(
    string Base,
    string Head,
    string Runbook,
    string Inventory,
    int UnchangedPhases,
    IReadOnlyList<DiffLine> Header,
    IReadOnlyList<PhaseDiff> Phases,
    IReadOnlyList<RiskNote> Risks
)
{
    public bool Changed => Header.Count > 0 || Phases.Count > 0;

    /// <summary>The secrets of both plans, masked in every rendering of the diff.</summary>
    public Graph.SecretMasker Secrets { get; init; } = Graph.SecretMasker.None;

    /// <summary>The plan hash of the base; null when there is no base (a new runbook, diffed from /dev/null).</summary>
    public string? BaseHash { get; init; }

    /// <summary>The plan hash of the head: what a reviewer approves and <c>runbook run --plan</c> checks.</summary>
    public string? HeadHash { get; init; }
}
