using System.Globalization;
using Runbook.Diagnostics;
using Runbook.Parsing;

namespace Runbook.Inventories;

/// <summary>
/// Reads an Ansible YAML inventory: top-level keys are groups (usually just 'all'), and each group has 'hosts',
/// 'vars' and 'children'. A group or host may appear in several places; the definitions merge, as in Ansible.
/// Values are read as Ansible reads YAML: YAML 1.1 scalars and merge keys. As in Ansible, 'hosts', 'children' and
/// 'vars' may be a single name instead of a mapping ('children: web').
/// </summary>
internal sealed class AnsibleYamlReader(NodeReader reader, AnsibleInventory? inventory = null)
{
    private static readonly string[] GroupKeys = ["hosts", "vars", "children"];

    private readonly AnsibleInventory _inventory = inventory ?? new AnsibleInventory();
    private readonly YamlValueReader _values = new(reader, ansible: true);

    public AnsibleInventory Read(MappingSyntax root)
    {
        if (root.KeyOf("plugin") is { } plugin)
        {
            reader.Diagnostics.Error(
                Codes.InventorySyntax,
                plugin.Span,
                "this is the configuration of an Ansible inventory plugin, not an inventory",
                "Runbook reads INI and YAML inventories and inventory scripts; "
                    + "export this one with 'ansible-inventory -i FILE --list --output inventory.json'"
            );
            return _inventory;
        }

        foreach (var (key, spec) in Entries(root))
            ReadGroup(_inventory.Group(key.Value), spec, depth: 1);
        return _inventory;
    }

    private IReadOnlyList<KeyValuePair<ScalarSyntax, SyntaxNode>> Entries(MappingSyntax map) =>
        AnsibleYaml.Entries(map, reader.Diagnostics);

    private void ReadGroup(AnsibleGroup group, SyntaxNode spec, int depth)
    {
        if (spec is ScalarSyntax { IsNull: true })
            return;
        var where = $"group '{group.Name}'";
        if (reader.Mapping(spec, where) is not { } map)
            return;
        var entries = Entries(map);
        reader.CheckKeys(new MappingSyntax(map.Span, entries), where, GroupKeys);
        foreach (var (key, value) in entries)
        {
            switch (key.Value)
            {
                case "hosts":
                    ReadHosts(group, Section(value, $"the hosts of {where}"));
                    break;
                case "vars":
                    ReadVars(Section(value, $"the vars of {where}"), group.Vars, group);
                    break;
                case "children":
                    ReadChildren(group, Section(value, $"the children of {where}"), depth);
                    break;
            }
        }
    }

    /// <summary>
    /// A section's entries; a single name stands for a mapping of that name to nothing, as in Ansible.
    /// </summary>
    private IReadOnlyList<KeyValuePair<ScalarSyntax, SyntaxNode>> Section(SyntaxNode node, string what)
    {
        if (node is ScalarSyntax { IsNull: true })
            return [];
        if (node is ScalarSyntax { Style: not ScalarStyle.Block } name)
        {
            return [new(name, new ScalarSyntax(name.Span, string.Empty, ScalarStyle.Plain))];
        }

        return reader.Mapping(node, what) is { } map ? Entries(map) : [];
    }

    private void ReadHosts(AnsibleGroup group, IReadOnlyList<KeyValuePair<ScalarSyntax, SyntaxNode>> hosts)
    {
        foreach (var (key, spec) in hosts)
        {
            var span = key.Span.WithOffset(key.ContentOffset, key.Value.Length);
            if (HostPattern.Expand(key.Value, span, reader.Diagnostics) is not { } pattern)
                continue;
            if (!_inventory.Admit(pattern.Names, span, reader.Diagnostics))
                continue;
            var vars = new Dictionary<string, object?>(StringComparer.Ordinal);
            if (pattern.Port is { } port)
                vars[AnsibleConnectionVars.Port[^1]] = port;
            if (spec is not ScalarSyntax { IsNull: true })
            {
                if (reader.Mapping(spec, $"the vars of host '{key.Value}'") is { } map)
                {
                    ReadVars(Entries(map), vars, group: null);
                }
            }

            foreach (var name in pattern.Names)
            {
                if (!HostName.IsValid(name, span, reader.Diagnostics))
                    continue;
                var host = _inventory.Host(name, key.Span);
                host.Join(group);
                foreach (var (variable, value) in vars)
                    host.Vars[variable] = value;
            }
        }
    }

    private void ReadChildren(
        AnsibleGroup parent,
        IReadOnlyList<KeyValuePair<ScalarSyntax, SyntaxNode>> children,
        int depth
    )
    {
        if (children.Count == 0)
            return;
        if (depth >= YamlTreeBuilder.MaxDepth)
        {
            var message = $"groups are nested more than {YamlTreeBuilder.MaxDepth} levels deep (aliases included)";
            reader.Diagnostics.Error(Codes.TooDeep, children[0].Key.Span, message);
            return;
        }

        foreach (var (key, spec) in children)
        {
            var child = _inventory.Group(key.Value);
            if (_inventory.AddChild(parent, child, key.Span, reader.Diagnostics))
                ReadGroup(child, spec, depth + 1);
        }
    }

    /// <summary>
    /// Reads vars into <paramref name="into"/>. Connection vars are checked here, where they are written: the port must
    /// be a whole number, the address, user and identity file single values (kept as written); <paramref name="group"/>
    /// takes ansible_group_priority, which is not a var.
    /// </summary>
    private void ReadVars(
        IReadOnlyList<KeyValuePair<ScalarSyntax, SyntaxNode>> vars,
        Dictionary<string, object?> into,
        AnsibleGroup? group
    )
    {
        foreach (var (key, value) in vars)
            Read(reader, _values, key, value, into, group);
    }

    /// <summary>One var of an Ansible YAML file (an inventory, or a group_vars/host_vars file).</summary>
    public static void Read(
        NodeReader reader,
        YamlValueReader values,
        ScalarSyntax key,
        SyntaxNode value,
        Dictionary<string, object?> into,
        AnsibleGroup? group
    )
    {
        var name = key.Value;
        var quoted = $"'{name}'";
        if (AnsibleConnectionVars.IsPort(name))
        {
            if (value is ScalarSyntax { IsNull: true })
                into[name] = null;
            else if (reader.Scalar(value, quoted) is { } scalar)
            {
                var typed = Yaml11.Value(scalar);
                var number =
                    typed is long
                    || (
                        typed is string text
                        && (
                            text.Contains("{{", StringComparison.Ordinal)
                            || long.TryParse(
                                text.Trim(),
                                NumberStyles.AllowLeadingSign,
                                CultureInfo.InvariantCulture,
                                out _
                            )
                        )
                    );
                if (!number)
                    reader.WrongType(value, quoted, "a whole number");
                else if (PortNumber.FromValue(typed, scalar.Span, quoted, reader.Diagnostics) is { } port)
                {
                    into[name] = port;
                }
            }
        }
        else if (AnsibleConnectionVars.IsText(name))
        {
            if (reader.Scalar(value, quoted) is { } text)
                into[name] = text.IsNull ? null : text.Value;
        }
        else if (group is not null && name == AnsibleConnectionVars.GroupPriority)
        {
            if (Priority(reader, value, quoted) is { } priority)
                group.Priority = priority;
        }
        else
        {
            into[name] = values.Value(value);
        }
    }

    private static int? Priority(NodeReader reader, SyntaxNode node, string what)
    {
        if (node is ScalarSyntax scalar && int.TryParse(scalar.Value, CultureInfo.InvariantCulture, out var priority))
            return priority;
        reader.WrongType(node, what, "a whole number");
        return null;
    }
}
