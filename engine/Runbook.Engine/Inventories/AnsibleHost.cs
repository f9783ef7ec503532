using Runbook.Diagnostics;

namespace Runbook.Inventories;

/// <summary>An Ansible host: the groups it is listed in directly, in first-seen order, and its own vars.</summary>
internal sealed class AnsibleHost(string name, SourceSpan span)
{
    public string Name { get; } = name;

    /// <summary>Where the host is first listed.</summary>
    public SourceSpan Span { get; } = span;

    public List<AnsibleGroup> Groups { get; } = [];

    public Dictionary<string, object?> Vars { get; } = new(StringComparer.Ordinal);

    /// <summary>Vars from host_vars/ files, by the index of the inventory source they are beside.</summary>
    public SortedDictionary<int, Dictionary<string, object?>> FileVars { get; } = [];

    public void Join(AnsibleGroup group)
    {
        if (Groups.Contains(group))
            return;
        Groups.Add(group);
        group.Hosts.Add(this);
    }

    public void Leave(AnsibleGroup group)
    {
        Groups.Remove(group);
        group.Hosts.Remove(this);
    }
}
