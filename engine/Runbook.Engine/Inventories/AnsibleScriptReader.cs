using System.Text.Json;
using Runbook.Diagnostics;

namespace Runbook.Inventories;

/// <summary>
/// Reads the output of an inventory script as Ansible's script plugin does: top-level keys are groups, each either
/// a list of host names, a mapping with 'hosts' (a list), 'vars' and 'children' (a list of group names), or, with none
/// of those keys, the vars of a host named like the group. '_meta.hostvars' holds each host's vars; without it the
/// script is asked for each host with --host NAME.
/// </summary>
internal sealed class AnsibleScriptReader(
    string path,
    AnsibleInventory inventory,
    TimeSpan timeout,
    DiagnosticBag diagnostics
)
{
    private const int MaxDepth = 64;

    // The hosts already in 'listed', so that a group of many hosts is not checked against the list host by host.
    private readonly HashSet<AnsibleHost> _listed = [];

    private readonly SourceSpan _span = SourceSpan.None(path);

    public void Read()
    {
        if (InventoryScript.Run(path, ["--list"], timeout, diagnostics) is not { } output)
            return;
        if (Parse(output, "--list") is not { } root)
            return;
        if (root.ValueKind != JsonValueKind.Object)
        {
            Fail($"--list printed {Describe(root)}, not a JSON object of groups");
            return;
        }

        var listed = new List<AnsibleHost>();
        JsonElement? hostvars = null;
        foreach (var group in root.EnumerateObject())
        {
            if (group.Name == "_meta")
            {
                if (group.Value.ValueKind == JsonValueKind.Object && group.Value.TryGetProperty("hostvars", out var hv))
                {
                    hostvars = hv;
                }

                continue;
            }

            ReadGroup(group.Name, group.Value, listed);
        }

        if (hostvars is { } meta && meta.ValueKind != JsonValueKind.Object)
        {
            Fail($"'_meta.hostvars' is {Describe(meta)}, not an object of hosts");
            return;
        }

        foreach (var host in listed)
        {
            JsonElement vars;
            if (hostvars is { } all)
            {
                if (!all.TryGetProperty(host.Name, out vars))
                    continue;
            }
            else if (InventoryScript.Run(path, ["--host", host.Name], timeout, diagnostics) is { } one)
            {
                if (one.Trim().Length == 0)
                    continue;
                if (Parse(one, $"--host {host.Name}") is not { } parsed)
                    continue;
                vars = parsed;
            }
            else
            {
                continue;
            }

            SetVars(vars, host.Vars, $"the vars of host '{host.Name}'");
        }
    }

    private void ReadGroup(string name, JsonElement data, List<AnsibleHost> listed)
    {
        var group = inventory.Group(name);
        JsonElement? hosts = null,
            vars = null,
            children = null;
        if (data.ValueKind != JsonValueKind.Object)
            hosts = data;
        else if (
            !data.TryGetProperty("hosts", out _)
            && !data.TryGetProperty("vars", out _)
            && !data.TryGetProperty("children", out _)
        )
        {
            // Ansible's simplified syntax: a group with none of the keys is a host of the same name with these vars.
            if (!inventory.Admit([name], _span, diagnostics))
                return;
            var host = inventory.Host(name, _span);
            host.Join(group);
            if (_listed.Add(host))
                listed.Add(host);
            SetVars(data, group.Vars, $"the vars of group '{name}'");
            return;
        }
        else
        {
            if (data.TryGetProperty("hosts", out var h))
                hosts = h;
            if (data.TryGetProperty("vars", out var v))
                vars = v;
            if (data.TryGetProperty("children", out var c))
                children = c;
        }

        if (hosts is { } hostList)
        {
            if (hostList.ValueKind != JsonValueKind.Array)
            {
                Fail($"the hosts of group '{name}' are {Describe(hostList)}, not a list of names");
            }
            else
            {
                foreach (var item in hostList.EnumerateArray())
                {
                    if (item.ValueKind != JsonValueKind.String)
                    {
                        Fail($"group '{name}' lists {Describe(item)} as a host, not a name");
                        continue;
                    }

                    if (!HostName.IsValid(item.GetString()!, _span, diagnostics))
                        continue;

                    if (!inventory.Admit([item.GetString()!], _span, diagnostics))
                        break;
                    var host = inventory.Host(item.GetString()!, _span);
                    host.Join(group);
                    if (_listed.Add(host))
                        listed.Add(host);
                }
            }
        }

        if (vars is { } groupVars)
            SetVars(groupVars, group.Vars, $"the vars of group '{name}'", group);
        if (children is { } childList)
        {
            if (childList.ValueKind != JsonValueKind.Array)
            {
                Fail($"the children of group '{name}' are {Describe(childList)}, not a list of group names");
                return;
            }

            foreach (var child in childList.EnumerateArray())
            {
                if (child.ValueKind != JsonValueKind.String)
                {
                    Fail($"group '{name}' lists {Describe(child)} as a child, not a group name");
                }
                else
                {
                    inventory.AddChild(group, inventory.Group(child.GetString()!), _span, diagnostics);
                }
            }
        }
    }

    private void SetVars(JsonElement vars, Dictionary<string, object?> into, string what, AnsibleGroup? group = null)
    {
        if (vars.ValueKind != JsonValueKind.Object)
        {
            Fail($"{what} are {Describe(vars)}, not an object");
            return;
        }

        foreach (var property in vars.EnumerateObject())
        {
            var value = Value(property.Value, depth: 1);
            if (AnsibleConnectionVars.IsPort(property.Name))
            {
                if (value is null)
                    into[property.Name] = null;
                else if (PortNumber.FromValue(value, _span, $"'{property.Name}' in {what}", diagnostics) is { } port)
                {
                    into[property.Name] = port;
                }
            }
            else if (
                group is not null
                && property.Name == AnsibleConnectionVars.GroupPriority
                && value is long priority
            )
            {
                group.Priority = (int)Math.Clamp(priority, int.MinValue, int.MaxValue);
            }
            else
            {
                into[property.Name] = value;
            }
        }
    }

    /// <summary>
    /// JSON as plain values: string, long (double when not whole or too large), bool, null, List, Dictionary.
    /// </summary>
    private object? Value(JsonElement element, int depth)
    {
        if (depth > MaxDepth)
        {
            Fail($"the output is nested more than {MaxDepth} levels deep");
            return null;
        }

        return element.ValueKind switch
        {
            JsonValueKind.String => element.GetString(),
            JsonValueKind.Number => element.TryGetInt64(out var l) ? (object)l : element.GetDouble(),
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            JsonValueKind.Array => element.EnumerateArray().Select(e => Value(e, depth + 1)).ToList(),
            JsonValueKind.Object => element
                .EnumerateObject()
                .Aggregate(
                    new Dictionary<string, object?>(StringComparer.Ordinal),
                    (map, p) =>
                    {
                        map[p.Name] = Value(p.Value, depth + 1);
                        return map;
                    }
                ),
            _ => null,
        };
    }

    private JsonElement? Parse(string output, string args)
    {
        if (output.Trim().Length == 0)
        {
            Fail($"{args} printed nothing; an inventory script prints one JSON object");
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(output, new JsonDocumentOptions { MaxDepth = MaxDepth });
            return document.RootElement.Clone();
        }
        catch (JsonException ex)
        {
            var column = (ex.BytePositionInLine ?? 0) + 1;
            var at = ex.LineNumber is { } line ? $" at line {line + 1}, column {column}" : string.Empty;
            Fail($"{args} printed something that is not JSON{at}; it begins: {Begin(output)}");
            return null;
        }
    }

    private static string Begin(string output)
    {
        var text = output.TrimStart();
        var line = text.Split('\n')[0].TrimEnd('\r');
        if (line.Length > 80)
            line = line[..80] + "...";
        return "'" + line + "'";
    }

    private static string Describe(JsonElement element) =>
        element.ValueKind switch
        {
            JsonValueKind.Object => "an object",
            JsonValueKind.Array => "a list",
            JsonValueKind.String => "a string",
            JsonValueKind.Number => "a number",
            JsonValueKind.True or JsonValueKind.False => "a boolean",
            _ => "null",
        };

    private void Fail(string message) =>
        diagnostics.Error(Codes.InventoryScript, _span, $"inventory script {Path.GetFileName(path)}: {message}");
}
