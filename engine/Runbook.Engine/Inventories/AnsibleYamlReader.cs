using System.Globalization;
using Runbook.Diagnostics;
using Runbook.Parsing;

namespace Runbook.Inventories;

/// <summary>
/// Reads an Ansible YAML inventory: top-level keys are groups (usually just 'all'), and each group has 'hosts',
/// 'vars' and 'children'. A group or host may appear in several places; the definitions merge, as in Ansible.
/// </summary>
internal sealed class AnsibleYamlReader(NodeReader reader)
{
    private static readonly string[] GroupKeys = ["hosts", "vars", "children"];

    private readonly AnsibleInventory _inventory = new();
    private readonly YamlValueReader _values = new(reader);

    public AnsibleInventory Read(MappingSyntax root)
    {
        foreach (var (key, spec) in root.Entries) ReadGroup(_inventory.Group(key.Value), spec, depth: 1);
        return _inventory;
    }

    private void ReadGroup(AnsibleGroup group, SyntaxNode spec, int depth)
    {
        if (spec is ScalarSyntax { IsNull: true }) return;
        var where = $"group '{group.Name}'";
        if (reader.Mapping(spec, where) is not { } map) return;
        reader.CheckKeys(map, where, GroupKeys);
        ReadHosts(group, map["hosts"]);
        ReadVars(map["vars"], $"the vars of {where}", group.Vars, group);
        ReadChildren(group, map["children"], depth);
    }

    private void ReadHosts(AnsibleGroup group, SyntaxNode? node)
    {
        if (node is null or ScalarSyntax { IsNull: true }) return;
        if (reader.Mapping(node, $"the hosts of group '{group.Name}'") is not { } hosts) return;
        foreach (var (key, spec) in hosts.Entries)
        {
            var span = key.Span.WithOffset(key.ContentOffset, key.Value.Length);
            if (HostPattern.Expand(key.Value, span, reader.Diagnostics) is not { } pattern) continue;
            var vars = new Dictionary<string, object?>(StringComparer.Ordinal);
            if (pattern.Port is { } port) vars[AnsibleConnectionVars.Port[0]] = port;
            ReadVars(spec, $"the vars of host '{key.Value}'", vars, group: null);
            foreach (var name in pattern.Names)
            {
                if (!HostName.IsValid(name, span, reader.Diagnostics)) continue;
                var host = _inventory.Host(name, key.Span);
                host.Join(group);
                foreach (var (variable, value) in vars) host.Vars[variable] = value;
            }
        }
    }

    private void ReadChildren(AnsibleGroup parent, SyntaxNode? node, int depth)
    {
        if (node is null or ScalarSyntax { IsNull: true }) return;
        if (reader.Mapping(node, $"the children of group '{parent.Name}'") is not { } children) return;
        if (depth >= YamlTreeBuilder.MaxDepth)
        {
            reader.Diagnostics.Error(Codes.TooDeep, node.Span, $"groups are nested more than {YamlTreeBuilder.MaxDepth} levels deep (aliases included)");
            return;
        }

        foreach (var (key, spec) in children.Entries)
        {
            var child = _inventory.Group(key.Value);
            if (_inventory.AddChild(parent, child, key.Span, reader.Diagnostics)) ReadGroup(child, spec, depth + 1);
        }
    }

    /// <summary>
    /// Reads vars into <paramref name="into"/>. Connection vars are checked here, where they are written, and kept as
    /// plain text (or an int port); <paramref name="group"/> takes ansible_group_priority, which is not a var.
    /// </summary>
    private void ReadVars(SyntaxNode? node, string what, Dictionary<string, object?> into, AnsibleGroup? group)
    {
        if (node is null or ScalarSyntax { IsNull: true }) return;
        if (reader.Mapping(node, what) is not { } vars) return;
        foreach (var (key, value) in vars.Entries)
        {
            var name = key.Value;
            var quoted = $"'{name}'";
            if (AnsibleConnectionVars.IsPort(name))
            {
                if (PortNumber.Read(value, quoted, reader, acceptQuoted: true) is { } port) into[name] = port;
            }
            else if (AnsibleConnectionVars.IsText(name))
            {
                if (reader.Scalar(value, quoted) is { } text) into[name] = text.IsNull ? null : text.Value;
            }
            else if (group is not null && name == AnsibleConnectionVars.GroupPriority)
            {
                if (Priority(value, quoted) is { } priority) group.Priority = priority;
            }
            else
            {
                into[name] = _values.Value(value);
            }
        }
    }

    private int? Priority(SyntaxNode node, string what)
    {
        if (node is ScalarSyntax scalar && int.TryParse(scalar.Value, CultureInfo.InvariantCulture, out var priority)) return priority;
        reader.WrongType(node, what, "a whole number");
        return null;
    }
}
