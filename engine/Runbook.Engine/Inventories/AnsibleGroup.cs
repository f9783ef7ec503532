namespace Runbook.Inventories;

/// <summary>
/// An Ansible group: its vars (from inventory files, and from group_vars/ files, which Ansible merges later), its
/// priority among groups of the same depth, the groups it is a child of, and its own hosts and children in order.
/// </summary>
internal sealed class AnsibleGroup(string name)
{
    public string Name { get; } = name;

    public List<AnsibleGroup> Parents { get; } = [];

    /// <summary>Child groups, in the order they were added: Ansible lists a group's hosts in this order.</summary>
    public List<AnsibleGroup> Children { get; } = [];

    /// <summary>Hosts listed in this group itself, in first-listed order.</summary>
    public List<AnsibleHost> Hosts { get; } = [];

    public Dictionary<string, object?> Vars { get; } = new(StringComparer.Ordinal);

    /// <summary>
    /// Vars from group_vars/ files, by the index of the inventory source they are beside: Ansible merges all groups'
    /// files of one source before those of the next.
    /// </summary>
    public SortedDictionary<int, Dictionary<string, object?>> FileVars { get; } = [];

    /// <summary>ansible_group_priority: among groups of the same depth, a higher priority merges later and wins.</summary>
    public int Priority { get; set; } = 1;

    /// <summary>This group and every group it is nested in, nearest first.</summary>
    public IEnumerable<AnsibleGroup> SelfAndAncestors()
    {
        var seen = new HashSet<AnsibleGroup>();
        var queue = new Queue<AnsibleGroup>([this]);
        while (queue.TryDequeue(out var group))
        {
            if (!seen.Add(group))
                continue;
            yield return group;
            foreach (var parent in group.Parents)
                queue.Enqueue(parent);
        }
    }

    /// <summary>
    /// The group's hosts as Ansible's Group.get_hosts() lists them: its own, then those of its children, then of their
    /// children, each host once. Ansible walks the levels below the children through a set, in no fixed order; this
    /// walks them in the order they were found, which agrees with Ansible whenever Ansible's order is stable.
    /// </summary>
    public List<AnsibleHost> OrderedHosts()
    {
        var groups = new List<AnsibleGroup> { this };
        var seen = new HashSet<AnsibleGroup> { this };
        for (var i = 0; i < groups.Count; i++)
        {
            foreach (var child in groups[i].Children)
            {
                if (seen.Add(child))
                    groups.Add(child);
            }
        }

        var hosts = new List<AnsibleHost>();
        var listed = new HashSet<AnsibleHost>();
        foreach (var host in groups.SelectMany(g => g.Hosts))
        {
            if (listed.Add(host))
                hosts.Add(host);
        }

        return hosts;
    }

    public override string ToString() => Name;
}
