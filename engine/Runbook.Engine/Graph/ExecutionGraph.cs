using System.Collections.Immutable;
using Runbook.Transport;

namespace Runbook.Graph;

/// <summary>
/// The compiled, immutable plan: phases, batches, per-host steps with fully rendered commands, gates, and what running
/// it needs besides (each host's SSH endpoint, a fingerprint of the inputs). plan and diff only read it; the executor
/// runs exactly it and nothing else. The ordering is the order of phases, batches and segments (the JSON plan spells
/// it out as edges, Planning/EdgeBuilder).
/// </summary>
public sealed record ExecutionGraph(
    string Runbook,
    string? Description,
    string Inventory,
    int InventoryHosts,
    ImmutableArray<ParamValue> Params,
    ImmutableArray<PhaseNode> Phases
)
{
    /// <summary>Roles whose members form a quorum: etcd, plus those the runbook and the inventory declare. Sorted.</summary>
    public ImmutableArray<string> QuorumRoles { get; init; } = [];

    /// <summary>The roles of every inventory host, by host name: what safety rules need to count quorum members.</summary>
    public ImmutableSortedDictionary<string, ImmutableArray<string>> HostRoles { get; init; } =
        ImmutableSortedDictionary<string, ImmutableArray<string>>.Empty.WithComparers(StringComparer.Ordinal);

    /// <summary>Masks secret param values in anything shown or recorded: output lines, events, journals.</summary>
    public SecretMasker Secrets { get; init; } = SecretMasker.None;

    /// <summary>The warnings compiling found (a secret too short to mask), for front ends to show.</summary>
    public ImmutableArray<Diagnostics.Diagnostic> Warnings { get; init; } = [];

    /// <summary>
    /// Every inventory host's SSH endpoint, by host name: what the executor connects to. Not shown in any plan output,
    /// which stays the same wherever the hosts are.
    /// </summary>
    public ImmutableSortedDictionary<string, HostEndpoint> Endpoints { get; init; } =
        ImmutableSortedDictionary<string, HostEndpoint>.Empty.WithComparers(StringComparer.Ordinal);

    /// <summary>
    /// The ssh_config file the inventory names (<c>ssh_config:</c>), or null: a front end gives it to the SSH
    /// transport (<see cref="Transport.SshTransportOptions.SshConfig"/>) unless the operator chose another.
    /// </summary>
    public string? SshConfigFile { get; init; }

    /// <summary>The --limit the plan was compiled with, as written; null when none. Plans show it.</summary>
    public string? Limit { get; init; }

    /// <summary>How many inventory hosts the limit leaves (all of them without a limit).</summary>
    public int LimitedHosts { get; init; }

    /// <summary>What the plan was compiled from; a resumed run refuses to continue when it changed.</summary>
    public PlanFingerprint Fingerprint { get; init; } = PlanFingerprint.None;

    /// <summary>The cluster lock the run takes before any step ('lock:'), or null.</summary>
    public LockNode? Lock { get; init; }

    /// <summary>Every step of the plan: each batch's steps, then its hosts' clean-up steps.</summary>
    public IEnumerable<StepNode> AllSteps() =>
        Phases
            .SelectMany(p => p.Batches)
            .SelectMany(b => b.Segments.SelectMany(s => s.Steps).Concat(b.Cleanup.SelectMany(c => c.Steps)));
}
