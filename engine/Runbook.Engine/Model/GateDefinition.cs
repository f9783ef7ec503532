using Runbook.Diagnostics;

namespace Runbook.Model;

/// <summary>
/// A check run after every batch of a phase; the next batch starts only when it passes. <see cref="Become"/> runs the
/// check with sudo, for checks that read root-only credentials (etcd client keys, admin kubeconfigs).
/// </summary>
public sealed record GateDefinition(string Name, HostTarget? On, VerifyDefinition Verify, bool Become, SourceSpan Span)
{
    /// <summary>The include that brought the gate in; null for a gate written in the runbook.</summary>
    internal IncludeOrigin? Origin { get; init; }

    /// <summary>'requires': commands the check needs on its hosts, checked by the run's preflight.</summary>
    public IReadOnlyList<string> Requires { get; init; } = [];
}
