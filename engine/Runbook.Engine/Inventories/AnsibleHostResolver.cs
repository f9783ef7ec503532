using System.Globalization;
using Runbook.Diagnostics;
using Runbook.Model;

namespace Runbook.Inventories;

/// <summary>
/// Turns Ansible hosts into Runbook hosts with Ansible's semantics. A host's roles are the groups it is in, directly
/// or through nesting ('all' and 'ungrouped' excepted). Its vars merge in Ansible's order: the inventory vars of 'all',
/// then of its other groups from the outermost to the innermost (by depth, then ansible_group_priority, then name, as
/// Ansible sorts them); then group_vars/all, then group_vars/ of its other groups in the same order (all groups of one
/// source before the next source); then its own inventory vars; then host_vars/. Templates in the merged vars are
/// rendered (<see cref="InventoryTemplate"/>), and the connection vars become the host's endpoint and become settings.
/// </summary>
internal sealed class AnsibleHostResolver(AnsibleInventory inventory, DiagnosticBag diagnostics)
{
    private readonly Dictionary<AnsibleGroup, int> _depths = new() { [inventory.AllGroup] = 0 };
    private readonly Dictionary<(string Var, string Reason, bool Error), List<AnsibleHost>> _issues = [];

    public List<HostDefinition> Resolve()
    {
        var hosts = inventory.Hosts.Select(Resolve).ToList();
        ReportIssues();
        return hosts;
    }

    /// <summary>
    /// The groups with their hosts in Ansible's order, for host patterns ('all' and 'ungrouped' included).
    /// </summary>
    public List<InventoryGroup> Groups() =>
        inventory
            .Groups.Select(g => new InventoryGroup(
                g.Name,
                g.OrderedHosts().Select(h => h.Name).ToList(),
                g.Children.Select(c => c.Name).ToList()
            ))
            .ToList();

    private HostDefinition Resolve(AnsibleHost host)
    {
        var groups = Groups(host);
        var roles = groups
            .Where(g => g != inventory.AllGroup && g != inventory.UngroupedGroup)
            .Select(g => g.Name)
            .ToList();
        var vars = Merge(host, groups);

        if (vars.Values.Any(InventoryTemplate.HasTemplate))
        {
            var template = new InventoryTemplate(host.Name, vars);
            vars = template.RenderAll();
            foreach (var (var, reason) in template.Issues.Distinct())
            {
                var error = AnsibleConnectionVars.All.Contains(var, StringComparer.Ordinal);
                var key = (var, reason, error);
                if (!_issues.TryGetValue(key, out var list))
                    _issues[key] = list = [];
                list.Add(host);
            }
        }

        var where = $"host '{host.Name}'";
        var address = Text(AnsibleConnectionVars.Take(vars, AnsibleConnectionVars.Address));
        var port = Port(AnsibleConnectionVars.Take(vars, AnsibleConnectionVars.Port), host, where);
        var user = Text(AnsibleConnectionVars.Take(vars, AnsibleConnectionVars.User));
        var identityFile = Text(AnsibleConnectionVars.Take(vars, AnsibleConnectionVars.IdentityFile));
        var connection = Text(AnsibleConnectionVars.Take(vars, AnsibleConnectionVars.Connection));
        var flag = AnsibleConnectionVars.Take(vars, AnsibleConnectionVars.Become);
        var become = flag is null ? null : Boolean(flag);
        if (flag is not null && become is null)
        {
            diagnostics.Error(
                Codes.BecomeNotBoolean,
                host.Span,
                $"ansible_become of host '{host.Name}' is {Describe(flag)}, which is neither true nor false"
            );
        }

        var becomeUser = Text(AnsibleConnectionVars.Take(vars, AnsibleConnectionVars.BecomeUser));
        var becomePassword = Text(AnsibleConnectionVars.Take(vars, AnsibleConnectionVars.BecomePassword));
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
            host.Span
        )
        {
            // 'ssh' (and Ansible's 'smart' and 'paramiko') all mean SSH: only another connection is worth recording.
            Connection = connection is null or "ssh" or "smart" or "paramiko" ? null : connection,
            Become = become,
            BecomeUser = becomeUser,
            BecomePassword = becomePassword is null ? null : new SecretText(becomePassword),
            AddressGiven = address is not null,
            PortGiven = port is not null,
        };
    }

    private Dictionary<string, object?> Merge(AnsibleHost host, List<AnsibleGroup> groups)
    {
        var sorted = groups
            .Where(g => g != inventory.AllGroup)
            .OrderBy(Depth)
            .ThenBy(g => g.Priority)
            .ThenBy(g => g.Name, StringComparer.Ordinal)
            .ToList();
        var vars = new Dictionary<string, object?>(StringComparer.Ordinal);
        void Apply(IReadOnlyDictionary<string, object?> from)
        {
            foreach (var (key, value) in from)
                vars[key] = value;
        }

        Apply(inventory.AllGroup.Vars);
        foreach (var group in sorted)
            Apply(group.Vars);
        foreach (var fileVars in inventory.AllGroup.FileVars.Values)
            Apply(fileVars);
        var sources = sorted.SelectMany(g => g.FileVars.Keys).Distinct().Order();
        foreach (var source in sources)
        {
            foreach (var group in sorted)
            {
                if (group.FileVars.TryGetValue(source, out var fileVars))
                    Apply(fileVars);
            }
        }

        Apply(host.Vars);
        foreach (var fileVars in host.FileVars.Values)
            Apply(fileVars);
        return vars;
    }

    /// <summary>The port, checked again when a template made it (a port left unrendered is already an error).</summary>
    private int? Port(object? value, AnsibleHost host, string where) =>
        value switch
        {
            null => null,
            int port => port,
            string s when s.Contains("{{", StringComparison.Ordinal) => null,
            _ => PortNumber.FromValue(value, host.Span, $"the port of {where}", diagnostics) as int?,
        };

    /// <summary>
    /// A connection setting as text: Ansible reads these as strings (ansible_user: 1000 is the user '1000').
    /// </summary>
    private static string? Text(object? value) =>
        value switch
        {
            null => null,
            string s => s,
            bool b => b ? "True" : "False",
            double d => PythonText.Float(d),
            _ => Convert.ToString(value, CultureInfo.InvariantCulture),
        };

    /// <summary>
    /// Ansible's strict boolean(), as it reads become: True, 1 and the strings yes, on, 1, true, t and y (any case) are
    /// true; False, 0 and no, off, 0, false, f and n are false; anything else is null (an error, as in Ansible).
    /// </summary>
    private static bool? Boolean(object value) =>
        value switch
        {
            bool b => b,
            long l when l is 0 or 1 => l == 1,
            int i when i is 0 or 1 => i == 1,
            double d when d is 0 or 1 => d == 1,
            string s => s.Trim().ToLowerInvariant() switch
            {
                "y" or "yes" or "on" or "1" or "true" or "t" => true,
                "n" or "no" or "off" or "0" or "false" or "f" => false,
                _ => null,
            },
            _ => null,
        };

    private static string Describe(object value) =>
        value is string s ? $"'{s}'" : Text(value) ?? "null";

    private void ReportIssues()
    {
        foreach (var ((var, reason, error), hosts) in _issues)
        {
            var first = hosts[0];
            var plural = hosts.Count > 2 ? "s" : string.Empty;
            var others = hosts.Count > 1 ? $" (and {hosts.Count - 1} more host{plural})" : string.Empty;
            var message = $"var '{var}' of host '{first.Name}'{others} is kept as written: {reason}";
            if (error)
            {
                var hint =
                    $"'{var}' sets how to reach the host, so it must render; " + Codes.InventoryTemplate.DefaultHint;
                diagnostics.Error(Codes.InventoryTemplate, first.Span, message, hint);
            }
            else
            {
                diagnostics.Warning(Codes.InventoryTemplate, first.Span, message);
            }
        }
    }

    /// <summary>
    /// The host's groups: first those it is listed in, in first-seen order, then the groups those are nested in,
    /// nearest first; then 'all', and 'ungrouped' for a host in no other group.
    /// </summary>
    private List<AnsibleGroup> Groups(AnsibleHost host)
    {
        var groups = new List<AnsibleGroup>(host.Groups);
        foreach (var ancestor in host.Groups.SelectMany(g => g.SelfAndAncestors()))
        {
            if (!groups.Contains(ancestor))
                groups.Add(ancestor);
        }

        if (!groups.Contains(inventory.AllGroup))
            groups.Add(inventory.AllGroup);
        var grouped = groups.Any(g => g != inventory.AllGroup && g != inventory.UngroupedGroup);
        if (grouped)
            groups.Remove(inventory.UngroupedGroup);
        else if (!groups.Contains(inventory.UngroupedGroup))
            groups.Add(inventory.UngroupedGroup);
        return groups;
    }

    /// <summary>
    /// Ansible's group depth: the longest chain of parents up to 'all', which is 0; a group with no parent is 1.
    /// Computed without recursion: an INI inventory can chain thousands of groups.
    /// </summary>
    private int Depth(AnsibleGroup group)
    {
        var pending = new Stack<AnsibleGroup>([group]);
        while (pending.TryPeek(out var next))
        {
            if (_depths.ContainsKey(next))
            {
                pending.Pop();
                continue;
            }

            var unknown = next.Parents.Where(p => !_depths.ContainsKey(p)).ToList();
            if (unknown.Count > 0)
            {
                foreach (var parent in unknown)
                    pending.Push(parent);
                continue;
            }

            pending.Pop();
            _depths[next] = next.Parents.Count == 0 ? 1 : 1 + next.Parents.Max(p => _depths[p]);
        }

        return _depths[group];
    }
}
