using System.Collections;
using System.Globalization;

namespace Runbook.Selectors;

/// <summary>
/// A host var as a selector compares it: text as written, whole numbers and decimals in invariant form (8080, 0.5),
/// booleans as true and false. A null, a list or a mapping has no text, so only '!=' matches it, as a missing var.
/// A dotted key (var.net.zone) is the var of that name if there is one, else the path through nested mappings.
/// </summary>
internal static class VarText
{
    public static string? Of(IReadOnlyDictionary<string, object?> vars, string key)
    {
        ArgumentNullException.ThrowIfNull(vars);
        ArgumentNullException.ThrowIfNull(key);
        if (vars.TryGetValue(key, out var value))
            return Text(value);
        var parts = key.Split('.');
        if (parts.Length < 2 || !vars.TryGetValue(parts[0], out var current))
            return null;
        foreach (var part in parts.Skip(1))
        {
            if (current is not IDictionary map || !map.Contains(part))
                return null;
            current = map[part];
        }

        return Text(current);
    }

    private static string? Text(object? value) =>
        value switch
        {
            string s => s,
            bool b => b ? "true" : "false",
            long or int => Convert.ToString(value, CultureInfo.InvariantCulture),
            double d => d.ToString("R", CultureInfo.InvariantCulture),
            _ => null,
        };
}
