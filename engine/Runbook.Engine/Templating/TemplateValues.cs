using System.Globalization;
using Fluid.Values;
using Runbook.Model;
using Runbook.Parsing;

namespace Runbook.Templating;

/// <summary>Turns plain values from the model into Fluid values; mappings become strict.</summary>
internal static class TemplateValues
{
    public static FluidValue From(object? value, string path) => value switch
    {
        null => NilValue.Instance,
        FluidValue f => f,
        string s => StringValue.Create(s),
        bool b => BooleanValue.Create(b),
        long n => NumberValue.Create(n),
        int n => NumberValue.Create(n),
        double d => NumberValue.Create((decimal)d),
        Duration d => StringValue.Create(d.ToString()),
        IReadOnlyDictionary<string, object?> map => Map(path, map),
        IDictionary<string, object?> map => Map(path, map.ToDictionary(e => e.Key, e => e.Value)),
        IEnumerable<object?> list => new ArrayValue(list.Select((v, i) => From(v, $"{path}[{i}]")).ToArray()),
        _ => StringValue.Create(Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty),
    };

    public static StrictMapValue Map(string path, IEnumerable<KeyValuePair<string, object?>> entries)
    {
        var members = new Dictionary<string, FluidValue>(StringComparer.Ordinal);
        foreach (var (k, v) in entries) members[k] = From(v, $"{path}.{k}");
        return new StrictMapValue(path, members);
    }

    /// <summary>The template view of a host: name, address, port, user, roles, labels, vars.</summary>
    public static StrictMapValue Host(HostDefinition h, string path) => new(path, new Dictionary<string, FluidValue>(StringComparer.Ordinal)
    {
        ["name"] = StringValue.Create(h.Name),
        ["address"] = StringValue.Create(h.Address),
        ["port"] = NumberValue.Create(h.Port),
        ["user"] = h.User is null ? NilValue.Instance : StringValue.Create(h.User),
        ["roles"] = From(h.Roles, path + ".roles"),
        ["labels"] = Map(path + ".labels", h.Labels.Select(l => new KeyValuePair<string, object?>(l.Key, l.Value))),
        ["vars"] = Map(path + ".vars", h.Vars),
    });

    public static string Text(object? value) => PlainValues.Text(value);
}
