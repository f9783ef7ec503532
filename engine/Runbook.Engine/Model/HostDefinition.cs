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
    SourceSpan Span
) : ISelectableHost
{
    /// <summary>
    /// How to reach the host (Ansible's ansible_connection): null for SSH, "local" for a host whose steps run on the
    /// controller (no SSH: <see cref="Transport.HostEndpoint.Local"/>); any other value is refused when the plan uses
    /// the host.
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
