using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Runbook.Compilation;
using Runbook.Diagnostics;
using Runbook.Model;

namespace Runbook.Cli.Output;

/// <summary>`runbook inventory` as text or JSON: hosts in inventory order, vars sorted, secrets masked.</summary>
internal static class InventoryPrinter
{
    private static readonly JsonWriterOptions Indented = new()
    {
        Indented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static string List(InventoryDefinition inventory, IReadOnlyDictionary<string, InventoryReport.Endpoint> ssh)
    {
        var sb = new StringBuilder();
        var count = inventory.Hosts.Count;
        sb.Append($"inventory {inventory.Name} ({count} host{(count == 1 ? "" : "s")})\n");
        foreach (var host in inventory.Hosts)
            sb.Append('\n').Append(Host(host, ssh[host.Name]));
        return sb.ToString();
    }

    public static string Host(HostDefinition host, InventoryReport.Endpoint ssh)
    {
        var sb = new StringBuilder();
        sb.Append(VisibleText.Escape(host.Name)).Append('\n');
        Line(sb, "roles", string.Join(", ", host.Roles));
        Line(sb, "labels", string.Join(", ", host.Labels.Select(l => $"{l.Key}={l.Value}")));
        var vars = InventoryReport.Vars(host).ToList();
        if (vars.Count > 0)
        {
            sb.Append("  vars:\n");
            foreach (var (name, value) in vars)
                sb.Append("    ").Append(VisibleText.Escape($"{name}: {Text(value)}")).Append('\n');
        }

        if (ssh.Connection is { } connection)
            Line(sb, "connection", connection);
        Line(sb, "address", ssh.Address);
        Line(sb, "port", ssh.Port.ToString(CultureInfo.InvariantCulture));
        Line(sb, "user", ssh.User);
        Line(sb, "identity files", string.Join(", ", ssh.IdentityFiles));
        Line(sb, "identities only", ssh.IdentitiesOnly ? "yes" : "no");
        Line(sb, "agent", ssh.Agent ?? "none");
        Line(sb, "jump", ssh.Jumps.Count == 0 ? "none" : string.Join(" > ", ssh.Jumps));
        Line(sb, "known_hosts", string.Join(", ", ssh.KnownHostsFiles));
        Line(sb, "host key policy", ssh.HostKeyPolicy);
        foreach (var problem in ssh.Problems)
            Line(sb, "problem", problem);
        return sb.ToString();
    }

    /// <summary>
    /// The groups as a tree, children and hosts in the inventory's order, as ansible-inventory --graph draws it: a
    /// group lists
    /// the hosts that are in none of its children. The native format's roles are the children of all.
    /// </summary>
    public static string Graph(InventoryDefinition inventory)
    {
        var groups = inventory.Groups.ToDictionary(g => g.Name, StringComparer.Ordinal);
        IEnumerable<string> Children(InventoryGroup group) =>
            group is { Name: InventoryGroup.All, Children.Count: 0 }
                ? groups.Keys.Where(n => n != InventoryGroup.All)
                : group.Children;

        var sb = new StringBuilder();
        void Draw(string name, string indent)
        {
            sb.Append(indent).Append('@').Append(VisibleText.Escape(name)).Append(":\n");
            if (!groups.TryGetValue(name, out var group))
                return;

            // Ansible's drawing: "  |--" under the root, each level deeper adds "  |" before the last "--".
            var inner = indent.Length == 0 ? "  |--" : indent[..^2] + "  |--";
            var children = Children(group).ToList();
            foreach (var child in children)
                Draw(child, inner);
            var nested = children
                .SelectMany(c => groups.TryGetValue(c, out var g) ? g.Hosts : [])
                .ToHashSet(StringComparer.Ordinal);
            foreach (var host in group.Hosts.Where(h => !nested.Contains(h)))
                sb.Append(inner).Append(VisibleText.Escape(host)).Append('\n');
        }

        Draw(InventoryGroup.All, "");
        return sb.ToString();
    }

    public static string GraphJson(InventoryDefinition inventory) =>
        Json(w =>
        {
            w.WriteStartObject();
            foreach (var group in inventory.Groups)
            {
                w.WriteStartObject(group.Name);
                Strings(w, "children", group.Children);
                Strings(w, "hosts", group.Hosts);
                w.WriteEndObject();
            }

            w.WriteEndObject();
        });

    public static string HostJson(HostDefinition host, InventoryReport.Endpoint ssh) =>
        Json(w => HostObject(w, host, ssh));

    public static string ListJson(
        InventoryDefinition inventory,
        IReadOnlyDictionary<string, InventoryReport.Endpoint> ssh
    ) =>
        Json(w =>
        {
            w.WriteStartObject();
            w.WriteString("inventory", inventory.Name);
            w.WriteStartArray("hosts");
            foreach (var host in inventory.Hosts)
                HostObject(w, host, ssh[host.Name]);
            w.WriteEndArray();
            w.WriteEndObject();
        });

    private static void HostObject(Utf8JsonWriter w, HostDefinition host, InventoryReport.Endpoint ssh)
    {
        w.WriteStartObject();
        w.WriteString("name", host.Name);
        Strings(w, "roles", host.Roles);
        w.WriteStartObject("labels");
        foreach (var (key, value) in host.Labels)
            w.WriteString(key, value);
        w.WriteEndObject();
        w.WriteStartObject("vars");
        foreach (var (name, value) in InventoryReport.Vars(host))
        {
            w.WritePropertyName(name);
            JsonSerializer.Serialize(w, value);
        }

        w.WriteEndObject();
        w.WriteStartObject("ssh");
        w.WriteString("connection", ssh.Connection ?? "ssh");
        w.WriteString("address", ssh.Address);
        w.WriteNumber("port", ssh.Port);
        w.WriteString("user", ssh.User);
        Strings(w, "identity_files", ssh.IdentityFiles);
        w.WriteBoolean("identities_only", ssh.IdentitiesOnly);
        w.WriteString("agent", ssh.Agent);
        Strings(w, "jump", ssh.Jumps);
        Strings(w, "known_hosts", ssh.KnownHostsFiles);
        w.WriteString("host_key_policy", ssh.HostKeyPolicy);
        Strings(w, "problems", ssh.Problems);
        w.WriteEndObject();
        w.WriteEndObject();
    }

    private static void Strings(Utf8JsonWriter w, string name, IEnumerable<string> values)
    {
        w.WriteStartArray(name);
        foreach (var value in values)
            w.WriteStringValue(value);
        w.WriteEndArray();
    }

    private static string Json(Action<Utf8JsonWriter> write)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, Indented))
            write(w);
        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }

    private static string Text(object? value) =>
        value switch
        {
            null => "null",
            string s => s,
            bool b => b ? "true" : "false",
            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
            _ => JsonSerializer.Serialize(value),
        };

    private static void Line(StringBuilder sb, string name, string value)
    {
        if (value.Length > 0)
            sb.Append("  ").Append(name).Append(": ").Append(VisibleText.Escape(value)).Append('\n');
    }
}
