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
    /// How to reach the host (Ansible's ansible_connection): null for SSH, "local" for a host whose steps run on the
    /// controller. Recorded from the inventory; the executor does not act on it yet.
    /// </summary>
    public string? Connection { get; init; }

    /// <summary>
    /// Ansible's ansible_become: whether the inventory asks for root (or <see cref="BecomeUser"/>) on this host.
    /// </summary>
    public bool? Become { get; init; }

    /// <summary>Ansible's ansible_become_user (ansible_sudo_user): the user sudo runs as, when not root.</summary>
    public string? BecomeUser { get; init; }

    /// <summary>
    /// Ansible's ansible_become_password (or ansible_become_pass, ansible_sudo_pass): the sudo password for this host,
    /// kept out of <see cref="Vars"/> so that no template or output shows it.
    /// </summary>
    public SecretText? BecomePassword { get; init; }

    public bool HasRole(string role) => Roles.Contains(role, StringComparer.Ordinal);
}
