namespace Runbook.Inventories;

/// <summary>An Ansible group: its vars, its priority among groups of the same depth, and the groups it is a child of.</summary>
internal sealed class AnsibleGroup(string name)
{
    public string Name { get; } = name;

    public List<AnsibleGroup> Parents { get; } = [];

    public Dictionary<string, object?> Vars { get; } = new(StringComparer.Ordinal);

    /// <summary>ansible_group_priority: among groups of the same depth, a higher priority merges later and wins.</summary>
    public int Priority { get; set; } = 1;

    /// <summary>This group and every group it is nested in, nearest first.</summary>
    public IEnumerable<AnsibleGroup> SelfAndAncestors()
    {
        var seen = new HashSet<AnsibleGroup>();
        var queue = new Queue<AnsibleGroup>([this]);
        while (queue.TryDequeue(out var group))
        {
            if (!seen.Add(group)) continue;
            yield return group;
            foreach (var parent in group.Parents) queue.Enqueue(parent);
        }
    }

    public override string ToString() => Name;
}
