using System.Collections;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Runbook.Tests.Inventories.Oracle;

/// <summary>
/// An inventory reduced to what both Ansible and Runbook must agree on, as text: every host, the groups it is in
/// (directly or through children; 'ungrouped' for a host in no other group), the endpoint its connection variables make
/// and every other merged var with its JSON type. Ansible and Runbook keep the connection settings differently (Ansible
/// as vars, Runbook as host fields), so both sides are compared as the endpoint they make, by Ansible's rules: the
/// ansible_ssh_* name wins over the ansible_* one wherever each is set, and a become password may be spelt three ways.
/// </summary>
internal sealed class InventoryView
{
    public const string None = "-";

    /// <summary>Connection vars, each with the names Ansible reads for it, the winning (last) name last.</summary>
    public static readonly (string Field, string[] Names)[] Endpoint =
    [
        ("address", ["ansible_host", "ansible_ssh_host"]),
        ("port", ["ansible_port", "ansible_ssh_port"]),
        ("user", ["ansible_user", "ansible_ssh_user"]),
        ("identity_file", ["ansible_private_key_file", "ansible_ssh_private_key_file"]),
        ("connection", ["ansible_connection"]),
        ("become", ["ansible_become"]),
        ("become_user", ["ansible_become_user", "ansible_sudo_user"]),
        ("become_password", ["ansible_become_password", "ansible_become_pass", "ansible_sudo_pass"]),
    ];

    private readonly SortedDictionary<string, HostView> _hosts = new(StringComparer.Ordinal);

    public IReadOnlyDictionary<string, HostView> Hosts => _hosts;

    public HostView Host(string name)
    {
        if (!_hosts.TryGetValue(name, out var host))
            _hosts[name] = host = new HostView(name);
        return host;
    }

    /// <summary>
    /// The view of <c>ansible-inventory --list</c> output. <paramref name="rendered"/>, when given, holds each host's
    /// vars as Ansible renders them (from <c>ansible -m debug</c>), for the vars whose listed value holds '{{'.
    /// </summary>
    public static InventoryView FromAnsible(JsonObject list, IReadOnlyDictionary<string, JsonObject>? rendered = null)
    {
        var view = new InventoryView();
        var hostvars = list["_meta"]?["hostvars"] as JsonObject ?? [];
        var members = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var (group, _) in list)
        {
            if (group != "_meta")
                Members(list, group, members, []);
        }

        var hosts = members
            .Values.SelectMany(h => h)
            .Concat(hostvars.Select(h => h.Key))
            .ToHashSet(StringComparer.Ordinal);
        foreach (var name in hosts)
        {
            var host = view.Host(name);
            var groups = members.Where(m => m.Key != "all" && m.Value.Contains(name)).Select(m => m.Key).ToList();
            if (groups.Count > 1)
                groups.Remove("ungrouped");
            if (groups.Count == 0)
                groups.Add("ungrouped");
            host.Groups.UnionWith(groups);

            var vars = new Dictionary<string, JsonNode?>(StringComparer.Ordinal);
            foreach (var (key, value) in hostvars[name] as JsonObject ?? [])
                vars[key] = value;
            if (rendered is not null && rendered.TryGetValue(name, out var shown))
            {
                foreach (var key in vars.Keys.ToList())
                {
                    var templated = vars[key]?.ToJsonString().Contains("{{", StringComparison.Ordinal) == true;
                    if (templated && shown.ContainsKey(key))
                    {
                        vars[key] = shown[key];
                    }
                }
            }

            foreach (var (field, names) in Endpoint)
            {
                JsonNode? winner = null;
                foreach (var n in names)
                {
                    if (vars.Remove(n, out var v) && v is not null)
                        winner = v;
                }

                host.Endpoint[field] = winner is null ? Default(field, name) : EndpointText(field, winner);
            }

            foreach (var (key, value) in vars)
                host.Vars[key] = Canonical(value);
        }

        return view;
    }

    /// <summary>Effective members of a group: its hosts and those of its children, recursively.</summary>
    private static HashSet<string> Members(
        JsonObject list,
        string group,
        Dictionary<string, HashSet<string>> memo,
        HashSet<string> visiting
    )
    {
        if (memo.TryGetValue(group, out var done))
            return done;
        var result = new HashSet<string>(StringComparer.Ordinal);
        if (!visiting.Add(group))
            return result;
        foreach (var host in list[group]?["hosts"] as JsonArray ?? [])
            result.Add(host!.GetValue<string>());
        foreach (var child in list[group]?["children"] as JsonArray ?? [])
        {
            result.UnionWith(Members(list, child!.GetValue<string>(), memo, visiting));
        }

        memo[group] = result;
        return result;
    }

    private static string Default(string field, string host) =>
        field switch
        {
            "address" => host,
            "port" => "22",
            _ => None,
        };

    private static string EndpointText(string field, JsonNode value) =>
        field switch
        {
            "port" => value.GetValueKind() == JsonValueKind.Number
                ? value.ToJsonString()
                : value.GetValue<string>().Trim(),
            "become" => AnsibleBoolean(value) ? "true" : "false",
            "connection"
                when value.GetValueKind() == JsonValueKind.String
                    && value.GetValue<string>() is "ssh" or "smart" or "paramiko" => None,
            _ => value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : value.ToJsonString(),
        };

    /// <summary>Ansible's boolean(): true for True, 1, 1.0 and the strings y, yes, on, 1, true, t (any case).</summary>
    private static bool AnsibleBoolean(JsonNode value) =>
        value.GetValueKind() switch
        {
            JsonValueKind.True => true,
            JsonValueKind.Number => value.GetValue<double>() == 1,
            JsonValueKind.String => value.GetValue<string>().ToLowerInvariant()
                is "y"
                    or "yes"
                    or "on"
                    or "1"
                    or "true"
                    or "t",
            _ => false,
        };

    public static string Canonical(JsonNode? node)
    {
        switch (node)
        {
            case null:
                return "null";
            case JsonObject map:
                var entries = map.OrderBy(e => e.Key, StringComparer.Ordinal)
                    .Select(e => Quote(e.Key) + ": " + Canonical(e.Value));
                return "{" + string.Join(", ", entries) + "}";
            case JsonArray list:
                return "[" + string.Join(", ", list.Select(Canonical)) + "]";
        }

        var element = node.GetValue<JsonElement>();
        return element.ValueKind switch
        {
            JsonValueKind.String => Quote(element.GetString()!),
            JsonValueKind.True => "true",
            JsonValueKind.False => "false",
            JsonValueKind.Number when element.GetRawText().AsSpan().IndexOfAny(".eE") >= 0 => Double(
                element.GetDouble()
            ),
            JsonValueKind.Number => element.GetRawText(),
            _ => "null",
        };
    }

    /// <summary>
    /// A Runbook var value (string, long, int, double, bool, null, lists, dictionaries) in the same form.
    /// </summary>
    public static string Canonical(object? value) =>
        value switch
        {
            null => "null",
            string s => Quote(s),
            bool b => b ? "true" : "false",
            long or int => Convert.ToString(value, CultureInfo.InvariantCulture)!,
            double d => Double(d),
            IDictionary map => "{"
                + string.Join(
                    ", ",
                    map.Keys.Cast<string>()
                        .Order(StringComparer.Ordinal)
                        .Select(k => Quote(k) + ": " + Canonical(map[k]))
                )
                + "}",
            IEnumerable list => "[" + string.Join(", ", list.Cast<object?>().Select(Canonical)) + "]",
            _ => $"<{value.GetType().Name}>",
        };

    private static readonly JsonSerializerOptions Relaxed = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>A JSON string that escapes only what JSON needs, so that diffs show text as written.</summary>
    private static string Quote(string s) => JsonSerializer.Serialize(s, Relaxed);

    private static string Double(double d)
    {
        if (double.IsPositiveInfinity(d))
            return "Infinity";
        if (double.IsNegativeInfinity(d))
            return "-Infinity";
        if (double.IsNaN(d))
            return "NaN";
        var text = d.ToString("R", CultureInfo.InvariantCulture);
        return text.AsSpan().IndexOfAny(".E") >= 0 ? text : text + ".0";
    }

    public override string ToString()
    {
        var sb = new StringBuilder();
        foreach (var host in _hosts.Values)
            sb.Append(host);
        return sb.ToString();
    }
}

/// <summary>One host of an <see cref="InventoryView"/>.</summary>
internal sealed class HostView(string name)
{
    public string Name { get; } = name;

    public SortedSet<string> Groups { get; } = new(StringComparer.Ordinal);

    public SortedDictionary<string, string> Endpoint { get; } = new(StringComparer.Ordinal);

    public SortedDictionary<string, string> Vars { get; } = new(StringComparer.Ordinal);

    public override string ToString()
    {
        var sb = new StringBuilder();
        sb.Append("host ").Append(Name).Append('\n');
        sb.Append("  groups: ").Append(string.Join(", ", Groups)).Append('\n');
        foreach (var (field, _) in InventoryView.Endpoint)
        {
            var value = Endpoint.GetValueOrDefault(field, InventoryView.None);
            sb.Append("  ").Append(field).Append(": ").Append(value).Append('\n');
        }

        foreach (var (key, value) in Vars)
            sb.Append("  var ").Append(key).Append(" = ").Append(value).Append('\n');
        return sb.ToString();
    }
}
