using Runbook.Diagnostics;
using Runbook.Selectors;

namespace Runbook.Model;

/// <summary>One inventory host. Roles keep their inventory order; labels and vars are sorted by key.</summary>
public sealed record HostDefinition(
    string Name,
    string Address,
    int Port,
    string? User,
    IReadOnlyList<string> Roles,
    IReadOnlyDictionary<string, string> Labels,
    IReadOnlyDictionary<string, object?> Vars,
    string? Jump,
    string? IdentityFile,
    SourceSpan Span) : ISelectableHost
{
    /// <summary>
    /// False when the inventory gave no address, so <see cref="Address"/> is the name: ssh_config's HostName may
    /// then say where the host is (the inventory's explicit settings win, ssh_config fills in the rest).
    /// </summary>
    public bool AddressGiven { get; init; } = true;

    /// <summary>
    /// False when the inventory gave no port, so <see cref="Port"/> is 22: ssh_config's Port may then apply.
    /// </summary>
    public bool PortGiven { get; init; } = true;

    public bool HasRole(string role) => Roles.Contains(role, StringComparer.Ordinal);
}
