namespace Runbook.Diffing;

/// <summary>What changed in one phase. <see cref="BaseNumber"/> is null for an added phase, <see cref="HeadNumber"/> for a removed one.</summary>
public sealed record PhaseDiff(
    string Name,
    PhaseStatus Status,
    int? BaseNumber,
    int? HeadNumber,
    IReadOnlyList<DiffLine> Lines
);
