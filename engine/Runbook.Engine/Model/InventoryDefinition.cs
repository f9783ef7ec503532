using Runbook.Diagnostics;

namespace Runbook.Model;

/// <summary>The hosts a runbook runs against, in inventory order.</summary>
public sealed record InventoryDefinition(
    string Name,
    InventoryFormat Format,
    IReadOnlyList<HostDefinition> Hosts,
    string? KnownHostsFile,
    SourceText Source
)
{
    private IReadOnlyList<InventoryGroup>? _groups;

    /// <summary>
    /// The ssh_config file a native inventory names (absolute; written relative to the inventory): the SSH transport
    /// reads it instead of ~/.ssh/config and /etc/ssh/ssh_config, as <c>ssh -F</c> does.
    /// </summary>
    public string? SshConfigFile { get; init; }

    /// <summary>Roles whose members form a quorum (besides etcd), declared by a native inventory.</summary>
    public IReadOnlyList<string> QuorumRoles { get; init; } = [];

    /// <summary>
    /// The inventory's groups with their hosts in Ansible's order; derived from the roles when not given.
    /// </summary>
    public IReadOnlyList<InventoryGroup> Groups
    {
        get => _groups ??= InventoryGroup.FromRoles(Hosts);
        init => _groups = value;
    }

    /// <summary>The inventory's secrets (become passwords), for masking them in anything shown to people.</summary>
    public IEnumerable<string> Secrets =>
        Hosts
            .Select(h => h.BecomePassword?.Reveal())
            .OfType<string>()
            .Where(s => s.Length > 0)
            .Distinct(StringComparer.Ordinal);

    public HostDefinition? Find(string name) => Hosts.FirstOrDefault(h => h.Name == name);
}
