using System.Globalization;
using System.Text;
using Runbook.Model;

namespace Runbook.Tests.Inventories;

/// <summary>
/// A loaded inventory as text, one line per host, so that expected results can be read and reviewed as files.
/// Strings are quoted in vars so that "22" and 22 differ; paths are shown relative to <c>baseDirectory</c>.
/// </summary>
internal static class InventoryDump
{
    public static string Format(InventoryDefinition inventory, string baseDirectory)
    {
        var knownHosts = inventory.KnownHostsFile is null
            ? "-"
            : Path.GetRelativePath(baseDirectory, inventory.KnownHostsFile);
        var sb = new StringBuilder();
        sb.Append($"inventory {inventory.Name} ({inventory.Format}), known_hosts {knownHosts}\n");
        foreach (var host in inventory.Hosts)
            sb.Append(Host(host)).Append('\n');
        return sb.ToString();
    }

    public static string Host(HostDefinition host) =>
        $"{host.Name} {host.Address}:{host.Port} user={host.User ?? "-"} roles=[{string.Join(", ", host.Roles)}]"
        + $" labels={{{string.Join(", ", host.Labels.Select(l => $"{l.Key}={l.Value}"))}}}"
        + $" vars={Value(host.Vars.ToDictionary())} jump={host.Jump ?? "-"} identity_file={host.IdentityFile ?? "-"}"
        + Become(host);

    /// <summary>
    /// The connection and become settings, only when the inventory gives them (older results have none).
    /// </summary>
    private static string Become(HostDefinition host) =>
        (host.Connection is { } connection ? $" connection={connection}" : string.Empty)
        + (host.Become is { } become ? $" become={(become ? "true" : "false")}" : string.Empty)
        + (host.BecomeUser is { } user ? $" become_user={user}" : string.Empty)
        + (host.BecomePassword is { } password ? $" become_password={password}" : string.Empty);

    private static string Value(object? value) =>
        value switch
        {
            null => "null",
            string s => "\""
                + s.Replace("\\", "\\\\", StringComparison.Ordinal)
                    .Replace("\"", "\\\"", StringComparison.Ordinal)
                    .Replace("\n", "\\n", StringComparison.Ordinal)
                + "\"",
            bool b => b ? "true" : "false",
            long or int => Convert.ToString(value, CultureInfo.InvariantCulture)!,
            double d => Double(d),
            Dictionary<string, object?> map => "{"
                + string.Join(", ", map.Select(e => $"{e.Key}={Value(e.Value)}"))
                + "}",
            List<object?> list => "[" + string.Join(", ", list.Select(Value)) + "]",
            _ => throw new InvalidOperationException($"vars hold a {value.GetType()}, which is not a plain value"),
        };

    /// <summary>A double always shows a fraction or exponent, so that 2.0 is not mistaken for the integer 2.</summary>
    private static string Double(double d)
    {
        var text = d.ToString("R", CultureInfo.InvariantCulture);
        return
            !double.IsFinite(d)
            || text.Contains('.', StringComparison.Ordinal)
            || text.Contains('E', StringComparison.Ordinal)
            ? text
            : text + ".0";
    }
}
