using Runbook.Model;

namespace Runbook.Inventories;

/// <summary>
/// Turns Ansible hosts into Runbook hosts with Ansible's semantics: a host's roles are the groups it is in, directly or
/// through nesting ('all' and 'ungrouped' excepted); its vars merge 'all', then its groups from the outermost to the
/// innermost (by depth, then ansible_group_priority, then name, as Ansible sorts them), then its own vars.
/// </summary>
internal static class AnsibleHostResolver
{
    public static List<HostDefinition> Resolve(AnsibleInventory inventory)
    {
        var depths = new Dictionary<AnsibleGroup, int> { [inventory.AllGroup] = 0 };
        return inventory.Hosts.Select(host => Resolve(inventory, host, depths)).ToList();
    }

    private static HostDefinition Resolve(AnsibleInventory inventory, AnsibleHost host, Dictionary<AnsibleGroup, int> depths)
    {
        var groups = Groups(inventory, host);
        var roles = groups.Where(g => g != inventory.AllGroup && g != inventory.UngroupedGroup).Select(g => g.Name).ToList();

        var vars = new Dictionary<string, object?>(StringComparer.Ordinal);
        var byPrecedence = groups.OrderBy(g => Depth(g, depths)).ThenBy(g => g.Priority).ThenBy(g => g.Name, StringComparer.Ordinal);
        foreach (var group in byPrecedence)
        {
            foreach (var (key, value) in group.Vars) vars[key] = value;
        }

        foreach (var (key, value) in host.Vars) vars[key] = value;

        var address = (string?)AnsibleConnectionVars.Take(vars, AnsibleConnectionVars.Address);
        var port = (int?)AnsibleConnectionVars.Take(vars, AnsibleConnectionVars.Port);
        var user = (string?)AnsibleConnectionVars.Take(vars, AnsibleConnectionVars.User);
        var identityFile = (string?)AnsibleConnectionVars.Take(vars, AnsibleConnectionVars.IdentityFile);
        return new HostDefinition(
            host.Name,
            address ?? host.Name,
            port ?? PortNumber.Default,
            user,
            roles,
            new SortedDictionary<string, string>(StringComparer.Ordinal),
            new SortedDictionary<string, object?>(vars, StringComparer.Ordinal),
            Jump: null,
            identityFile,
            host.Span)
        {
            AddressGiven = address is not null,
            PortGiven = port is not null,
        };
    }

    /// <summary>
    /// The host's groups: first those it is listed in, in first-seen order, then the groups those are nested in,
    /// nearest first; then 'all', and 'ungrouped' for a host in no other group.
    /// </summary>
    private static List<AnsibleGroup> Groups(AnsibleInventory inventory, AnsibleHost host)
    {
        var groups = new List<AnsibleGroup>(host.Groups);
        foreach (var ancestor in host.Groups.SelectMany(g => g.SelfAndAncestors()))
        {
            if (!groups.Contains(ancestor)) groups.Add(ancestor);
        }

        if (!groups.Contains(inventory.AllGroup)) groups.Add(inventory.AllGroup);
        var grouped = groups.Any(g => g != inventory.AllGroup && g != inventory.UngroupedGroup);
        if (grouped) groups.Remove(inventory.UngroupedGroup);
        else if (!groups.Contains(inventory.UngroupedGroup)) groups.Add(inventory.UngroupedGroup);
        return groups;
    }

    /// <summary>
    /// Ansible's group depth: the longest chain of parents up to 'all', which is 0; a group with no parent is 1.
    /// Computed without recursion: an INI inventory can chain thousands of groups.
    /// </summary>
    private static int Depth(AnsibleGroup group, Dictionary<AnsibleGroup, int> depths)
    {
        var pending = new Stack<AnsibleGroup>([group]);
        while (pending.TryPeek(out var next))
        {
            if (depths.ContainsKey(next))
            {
                pending.Pop();
                continue;
            }

            var unknown = next.Parents.Where(p => !depths.ContainsKey(p)).ToList();
            if (unknown.Count > 0)
            {
                foreach (var parent in unknown) pending.Push(parent);
                continue;
            }

            pending.Pop();
            depths[next] = next.Parents.Count == 0 ? 1 : 1 + next.Parents.Max(p => depths[p]);
        }

        return depths[group];
    }
}
