using System.Globalization;
using Runbook.Model;
using Runbook.Parsing;

namespace Runbook.Templating;

/// <summary>
/// Turns plain values from the model into template values: mappings become strict, lists arrays, and numbers keep
/// Liquid's decimal arithmetic and printing (1.5, not 1.5000000000000002).
/// </summary>
internal static class TemplateValues
{
    public static object? From(object? value, string path) =>
        value switch
        {
            null => null,
            string s => s,
            bool b => b,
            long n => n,
            int n => (long)n,
            double d => (decimal)d,
            Duration d => d.ToString(),
            StrictMapValue or UndefinedValue or RawText => value,
            IReadOnlyDictionary<string, object?> map => Map(path, map),
            IDictionary<string, object?> map => Map(path, map.ToDictionary(e => e.Key, e => e.Value)),
            IEnumerable<object?> list => list.Select((v, i) => From(v, $"{path}[{i}]")).ToArray(),
            _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty,
        };

    public static StrictMapValue Map(string path, IEnumerable<KeyValuePair<string, object?>> entries)
    {
        var members = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (k, v) in entries)
            members[k] = From(v, $"{path}.{k}");
        return new StrictMapValue(path, members);
    }

    /// <summary>The template view of a host: name, address, port, user, roles, labels, vars.</summary>
    public static StrictMapValue Host(HostDefinition h, string path) =>
        new(
            path,
            new Dictionary<string, object?>(StringComparer.Ordinal)
            {
                ["name"] = h.Name,
                ["address"] = h.Address,
                ["port"] = (long)h.Port,
                ["user"] = h.User,
                ["roles"] = From(h.Roles, path + ".roles"),
                ["labels"] = Map(
                    path + ".labels",
                    h.Labels.Select(l => new KeyValuePair<string, object?>(l.Key, l.Value))
                ),
                ["vars"] = Map(path + ".vars", h.Vars),
            }
        );

    public static string Text(object? value) => PlainValues.Text(value);
}
