using Runbook.Diagnostics;

namespace Runbook.Model;

/// <summary>A runbook as written: passive data with source positions, produced by the reader and read by the compiler.</summary>
public sealed record RunbookDefinition(
    string Name,
    string? Description,
    IReadOnlyList<ParamDefinition> Params,
    IReadOnlyList<VarDefinition> Vars,
    IReadOnlyList<PhaseDefinition> Phases,
    SourceText Source
)
{
    /// <summary>Roles whose members form a quorum (besides etcd): safety rules keep a majority of them up.</summary>
    public IReadOnlyList<string> QuorumRoles { get; init; } = [];

    /// <summary>'lock:': the cluster lock the run takes before any step, or null.</summary>
    public LockDefinition? Lock { get; init; }
}
