using System.Collections.Immutable;
using Runbook.Model;
using Runbook.Transport;

namespace Runbook.Compilation;

/// <summary>Resolves every inventory host to the SSH endpoint a run connects to: jump hosts by name, known_hosts.</summary>
internal static class EndpointResolver
{
    public static ImmutableSortedDictionary<string, HostEndpoint> Resolve(InventoryDefinition inventory)
    {
        var byName = new Dictionary<string, HostDefinition>(StringComparer.Ordinal);
        foreach (var host in inventory.Hosts) byName.TryAdd(host.Name, host);
        var resolved = new Dictionary<string, HostEndpoint>(StringComparer.Ordinal);
        foreach (var host in byName.Values) Resolve(host, inventory.KnownHostsFile, byName, resolved, []);
        return resolved.ToImmutableSortedDictionary(StringComparer.Ordinal);
    }

    /// <summary>One host's endpoint, resolved against its inventory (for a caller that has a host but no plan).</summary>
    public static HostEndpoint For(InventoryDefinition inventory, HostDefinition host) =>
        Resolve(host, inventory.KnownHostsFile, inventory.Hosts.GroupBy(h => h.Name, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal), [], []);

    private static HostEndpoint Resolve(
        HostDefinition host, string? knownHosts, Dictionary<string, HostDefinition> byName, Dictionary<string, HostEndpoint> resolved, HashSet<string> chain)
    {
        if (resolved.TryGetValue(host.Name, out var done)) return done;
        if (!chain.Add(host.Name)) throw new InvalidOperationException($"jump hosts of {host.Name} go round in a circle; inventory validation should have refused it");
        HostEndpoint? jump = null;
        if (host.Jump is { } name)
        {
            var via = byName.GetValueOrDefault(name) ?? throw new InvalidOperationException($"jump host {name} of {host.Name} is not in the inventory; inventory validation should have refused it");
            jump = Resolve(via, knownHosts, byName, resolved, chain);
        }

        return resolved[host.Name] = new HostEndpoint(host.Name, host.Address, host.Port, host.User, jump, host.IdentityFile, knownHosts);
    }
}
