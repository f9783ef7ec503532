using Runbook.Diagnostics;

namespace Runbook.Inventories;

/// <summary>
/// Groups and hosts as Ansible sees them, before they become Runbook hosts. Both Ansible formats read into this,
/// so they share one set of semantics: a host listed twice is one host, and groups nest without loops.
/// </summary>
internal sealed class AnsibleInventory
{
    public const string All = "all";
    public const string Ungrouped = "ungrouped";

    private readonly Dictionary<string, AnsibleGroup> _groups = new(StringComparer.Ordinal);
    private readonly Dictionary<string, AnsibleHost> _hosts = new(StringComparer.Ordinal);
    private readonly List<AnsibleHost> _hostOrder = [];

    public AnsibleInventory()
    {
        AllGroup = Group(All);
        UngroupedGroup = Group(Ungrouped);
    }

    public AnsibleGroup AllGroup { get; }

    public AnsibleGroup UngroupedGroup { get; }

    /// <summary>Hosts in the order they are first listed.</summary>
    public IReadOnlyList<AnsibleHost> Hosts => _hostOrder;

    public IEnumerable<string> GroupNames => _groups.Keys;

    public AnsibleGroup Group(string name)
    {
        if (!_groups.TryGetValue(name, out var group)) _groups.Add(name, group = new AnsibleGroup(name));
        return group;
    }

    public AnsibleHost Host(string name, SourceSpan span)
    {
        if (_hosts.TryGetValue(name, out var host)) return host;
        host = new AnsibleHost(name, span);
        _hosts.Add(name, host);
        _hostOrder.Add(host);
        return host;
    }

    /// <summary>Nests <paramref name="child"/> in <paramref name="parent"/>, unless that would make a loop.</summary>
    public bool AddChild(AnsibleGroup parent, AnsibleGroup child, SourceSpan span, DiagnosticBag diagnostics)
    {
        if (child == AllGroup || parent.SelfAndAncestors().Contains(child))
        {
            var message = child == parent
                ? $"group '{child.Name}' cannot be a child of itself"
                : $"group '{child.Name}' cannot be a child of '{parent.Name}': '{parent.Name}' is already inside '{child.Name}'";
            diagnostics.Error(Codes.GroupLoop, span, message);
            return false;
        }

        if (!child.Parents.Contains(parent)) child.Parents.Add(parent);
        return true;
    }
}
