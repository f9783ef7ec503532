using System.Collections.Immutable;
using Runbook.Model;
using Runbook.Transport;

namespace Runbook.Compilation;

/// <summary>Resolves inventory hosts to the SSH endpoints a run connects to: jump hosts by name, known_hosts.</summary>
internal static class EndpointResolver
{
    /// <summary>Every host of the inventory, by name.</summary>
    public static ImmutableSortedDictionary<string, HostEndpoint> Resolve(InventoryDefinition inventory)
    {
        var byName = ByName(inventory);
        var resolved = new Dictionary<string, HostEndpoint>(StringComparer.Ordinal);
        foreach (var host in byName.Values)
            Resolve(host, inventory, byName, resolved, []);
        return resolved.ToImmutableSortedDictionary(StringComparer.Ordinal);
    }

    /// <summary>One host's endpoint, resolved against its inventory (for a caller that has a host but no
    /// plan).</summary>
    public static HostEndpoint For(InventoryDefinition inventory, HostDefinition host) =>
        Resolve(host, inventory, ByName(inventory), [], []);

    private static Dictionary<string, HostDefinition> ByName(InventoryDefinition inventory)
    {
        var byName = new Dictionary<string, HostDefinition>(StringComparer.Ordinal);
        foreach (var host in inventory.Hosts)
            byName.TryAdd(host.Name, host);
        return byName;
    }

    // Loading an inventory refuses unknown jump hosts and jump loops (Inventories/JumpHostValidator): meeting one
    // here is a bug, not bad input.
    private static HostEndpoint Resolve(
        HostDefinition host,
        InventoryDefinition inventory,
        Dictionary<string, HostDefinition> byName,
        Dictionary<string, HostEndpoint> resolved,
        HashSet<string> chain
    )
    {
        if (resolved.TryGetValue(host.Name, out var done))
            return done;
        var (knownHosts, format) = (inventory.KnownHostsFile, inventory.Format);
        if (!chain.Add(host.Name))
            throw new InvalidOperationException($"the jump hosts of {host.Name} form a loop");
        HostEndpoint? jump = null;
        if (host.Jump is { } name)
        {
            var via =
                byName.GetValueOrDefault(name)
                ?? throw new InvalidOperationException($"jump host {name} of {host.Name} is not in the inventory");
            jump = Resolve(via, inventory, byName, resolved, chain);
        }

        // What ssh_config may fill in (SshEndpoints): the address and port only when the inventory did not say them.
        // An Ansible host is matched by its address, as Ansible's ssh does, so ssh_config's HostName applies to it.
        var ansible = format is InventoryFormat.AnsibleIni or InventoryFormat.AnsibleYaml;
        var endpoint = new HostEndpoint(
            host.Name,
            host.Address,
            host.Port,
            host.User,
            jump,
            host.IdentityFile,
            knownHosts
        )
        {
            BecomePassword = host.BecomePassword,
            BecomeUser = StepBecome.User(host),
            AddressGiven = !ansible && host.AddressGiven,
            PortGiven = host.PortGiven,
            Alias = ansible ? host.Address : null,
            Span = host.Span,
            Local = host.Connection == "local",
        };
        resolved[host.Name] = endpoint;
        return endpoint;
    }
}
