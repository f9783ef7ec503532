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

    public void Join(AnsibleGroup group)
    {
        if (!Groups.Contains(group)) Groups.Add(group);
    }
}
