namespace Runbook.Diffing;

/// <summary>What changed in one phase. <see cref="BaseNumber"/> is null for an added phase, <see cref="HeadNumber"/> for a removed one.</summary>
public sealed record PhaseDiff(
    string Name,
    PhaseStatus Status,
    int? BaseNumber,
    int? HeadNumber,
    IReadOnlyList<DiffLine> Lines
)
{
    /// <summary>
    /// The same change said more briefly, for a summary that must fit a comment: changes of the same shape across
    /// batches and hosts said once (see <see cref="CommandChanges"/>). Null when it would say nothing shorter.
    /// </summary>
    internal IReadOnlyList<DiffLine>? Compact { get; init; }
}
