using System.Collections.Immutable;

namespace Runbook.Model;

/// <summary>
/// A step's <c>disrupts:</c>, what the author says it takes down on its host, for the safety rules to count beside
/// the commands they recognise. <see cref="Roles"/> is empty for <c>disrupts: true</c> (every role of the host);
/// otherwise the roles the step takes down (<c>disrupts: [etcd, control-plane]</c>).
/// </summary>
internal sealed record DeclaredDisruption(ImmutableArray<string> Roles)
{
    public bool AllRoles => Roles.IsEmpty;

    /// <summary>Whether the step takes the host's membership of <paramref name="role"/> down.</summary>
    public bool Covers(string role) => AllRoles || Roles.Contains(role, StringComparer.Ordinal);

    /// <summary>"disrupts" or "disrupts etcd, control-plane", as plans say it.</summary>
    public override string ToString() => AllRoles ? "disrupts" : "disrupts " + string.Join(", ", Roles);

    // Compared by value: plans, diffs and notes compare steps as records.
    public bool Equals(DeclaredDisruption? other) => other is not null && Roles.SequenceEqual(other.Roles);

    public override int GetHashCode() => Roles.Aggregate(0, (h, r) => HashCode.Combine(h, r));
}
