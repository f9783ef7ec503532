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

    /// <summary>Every file the runbook includes, directly or not, once each, in the order first read: what a plan's
    /// fingerprint covers besides the runbook.</summary>
    internal IReadOnlyList<SourceText> Included { get; init; } = [];

    /// <summary>Every include item, each after the include that brought its file in: what the compiler binds,
    /// whichever list of a phase the items went into.</summary>
    internal IReadOnlyList<IncludeOrigin> Includes { get; init; } = [];
}
