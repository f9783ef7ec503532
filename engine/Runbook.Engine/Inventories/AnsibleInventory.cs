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
    private readonly List<AnsibleGroup> _groupOrder = [];
    private readonly Dictionary<string, AnsibleHost> _hosts = new(StringComparer.Ordinal);
    private readonly List<AnsibleHost> _hostOrder = [];

    public AnsibleInventory()
    {
        AllGroup = Group(All);
        UngroupedGroup = Group(Ungrouped);

        // As in Ansible's InventoryData: 'ungrouped' is the first child of 'all'.
        UngroupedGroup.Parents.Add(AllGroup);
        AllGroup.Children.Add(UngroupedGroup);
    }

    public AnsibleGroup AllGroup { get; }

    public AnsibleGroup UngroupedGroup { get; }

    /// <summary>Hosts in the order they are first listed.</summary>
    public IReadOnlyList<AnsibleHost> Hosts => _hostOrder;

    public IEnumerable<string> GroupNames => _groupOrder.Select(g => g.Name);

    /// <summary>Groups in the order they were first named.</summary>
    public IReadOnlyList<AnsibleGroup> Groups => _groupOrder;

    public AnsibleGroup Group(string name)
    {
        if (!_groups.TryGetValue(name, out var group))
        {
            _groups.Add(name, group = new AnsibleGroup(name));
            _groupOrder.Add(group);
        }

        return group;
    }

    public AnsibleGroup? FindGroup(string name) => _groups.GetValueOrDefault(name);

    public AnsibleHost? FindHost(string name) => _hosts.GetValueOrDefault(name);

    /// <summary>
    /// The most hosts an inventory may have, across all its ranges, lines and files (one range alone is bounded by
    /// <see cref="HostPattern.MaxHosts"/>): a few hundred bytes of ranges would otherwise make millions of hosts.
    /// </summary>
    public const int MaxHosts = 100_000;

    /// <summary>
    /// The most names the host patterns of an inventory may expand to, the same hosts listed again included.
    /// </summary>
    public const int MaxExpandedNames = 10 * MaxHosts;

    private long _expanded;
    private bool _tooMany;

    /// <summary>True once <see cref="Admit"/> refused hosts: the inventory is too large to resolve.</summary>
    public bool TooLarge => _tooMany;

    /// <summary>
    /// Whether the hosts <paramref name="names"/> may be added: false, after one error at <paramref name="span"/> (the
    /// pattern or entry that crossed the bound), when they would take the inventory past <see cref="MaxHosts"/> hosts
    /// or its patterns past <see cref="MaxExpandedNames"/> names. After that error every later pattern is refused
    /// silently: one error says the inventory is too large.
    /// </summary>
    public bool Admit(IReadOnlyCollection<string> names, SourceSpan span, DiagnosticBag diagnostics)
    {
        if (_tooMany)
            return false;
        _expanded += names.Count;
        var total = _hostOrder.Count + names.Count(n => !_hosts.ContainsKey(n));
        if (total <= MaxHosts && _expanded <= MaxExpandedNames)
            return true;
        _tooMany = true;
        var message =
            total > MaxHosts
                ? $"the inventory stands for more than {MaxHosts:N0} hosts: this takes it from "
                    + $"{_hostOrder.Count:N0} to {total:N0}"
                : $"the inventory's host patterns stand for more than {MaxExpandedNames:N0} host names "
                    + "(the same hosts listed again and again)";
        diagnostics.Error(Codes.TooManyHosts, span, message);
        return false;
    }

    public AnsibleHost Host(string name, SourceSpan span)
    {
        if (_hosts.TryGetValue(name, out var host))
            return host;
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
            var message =
                child == parent
                    ? $"group '{child.Name}' cannot be a child of itself"
                    : $"group '{child.Name}' cannot be a child of '{parent.Name}': '{parent.Name}' is already "
                        + $"inside '{child.Name}'";
            diagnostics.Error(Codes.GroupLoop, span, message);
            return false;
        }

        if (!child.Parents.Contains(parent))
        {
            child.Parents.Add(parent);
            parent.Children.Add(child);
        }

        return true;
    }

    /// <summary>
    /// Ansible's reconcile_inventory, run once every source is read: a group in no other group is a child of 'all';
    /// a host in no group but 'all' is in 'ungrouped', and a host in another group is not.
    /// </summary>
    public void Reconcile()
    {
        foreach (var group in _groupOrder)
        {
            if (group != AllGroup && group.Parents.Count == 0)
            {
                group.Parents.Add(AllGroup);
                AllGroup.Children.Add(group);
            }
        }

        foreach (var host in _hostOrder)
        {
            var others = host.Groups.Any(g => g != AllGroup && g != UngroupedGroup);
            if (others)
                host.Leave(UngroupedGroup);
            else
                host.Join(UngroupedGroup);
        }
    }
}
