namespace Runbook.Model;

/// <summary>
/// A group of an inventory, with its hosts in Ansible's order (its own hosts first, then those of its children,
/// nearest first): what host patterns such as web[0] index. 'all' and 'ungrouped' are groups too.
/// </summary>
public sealed record InventoryGroup(string Name, IReadOnlyList<string> Hosts, IReadOnlyList<string> Children)
{
    public const string All = "all";
    public const string Ungrouped = "ungrouped";

    /// <summary>
    /// The groups of an inventory that has roles only (the native format): 'all', 'ungrouped', each role.
    /// </summary>
    public static IReadOnlyList<InventoryGroup> FromRoles(IReadOnlyList<HostDefinition> hosts)
    {
        var groups = new List<InventoryGroup>
        {
            new(All, hosts.Select(h => h.Name).ToList(), []),
            new(Ungrouped, hosts.Where(h => h.Roles.Count == 0).Select(h => h.Name).ToList(), []),
        };
        foreach (var role in hosts.SelectMany(h => h.Roles).Distinct(StringComparer.Ordinal))
        {
            if (role is All or Ungrouped)
                continue;
            groups.Add(new(role, hosts.Where(h => h.HasRole(role)).Select(h => h.Name).ToList(), []));
        }

        return groups;
    }
}
