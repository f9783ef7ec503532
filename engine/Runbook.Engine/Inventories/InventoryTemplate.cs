using System.Collections;
using System.Globalization;
using System.Text;

namespace Runbook.Inventories;

/// <summary>
/// Renders the Jinja-style templates in one host's vars from the host's own vars, as Ansible shows them in
/// hostvars: <c>{{ name }}</c>, <c>{{ name.key }}</c>, <c>{{ name['key'] }}</c>, <c>{{ name[0] }}</c>, with
/// inventory_hostname and inventory_hostname_short, a var that is itself a template rendered first. Types follow
/// Ansible: a value that is exactly <c>{{ name }}</c> of a number or boolean keeps it (None stays None); otherwise
/// the pieces are joined as text (None as nothing, other values as Python writes them) and text that then reads as
/// a list, a dict, True or False becomes one. Filters, tests, operators and <c>{% %}</c> blocks are not rendered:
/// such a value, and one that refers to an undefined var, stays as written, with an issue saying why.
/// </summary>
internal sealed class InventoryTemplate(string hostName, IReadOnlyDictionary<string, object?> vars)
{
    private const int MaxDepth = 32;

    private readonly Dictionary<string, object?> _rendered = new(StringComparer.Ordinal);
    private readonly HashSet<string> _rendering = new(StringComparer.Ordinal);
    private readonly HashSet<string> _kept = new(StringComparer.Ordinal);

    /// <summary>Why values were left as written: each var (by name), with the reason.</summary>
    public List<(string Var, string Reason)> Issues { get; } = [];

    public static bool HasTemplate(object? value) =>
        value switch
        {
            string s => IsTemplate(s),
            IDictionary map => map.Values.Cast<object?>().Any(HasTemplate),
            IEnumerable list and not string => list.Cast<object?>().Any(HasTemplate),
            _ => false,
        };

    /// <summary>Every var of the host, rendered.</summary>
    public Dictionary<string, object?> RenderAll()
    {
        var result = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var name in vars.Keys)
            result[name] = Var(name).Value;
        return result;
    }

    /// <summary>
    /// A var, rendered; Ok is false when it could not be (it is kept as written), or when its template leads back to
    /// itself (then Value is null): a template that uses it is kept as written too.
    /// </summary>
    private (bool Ok, object? Value) Var(string name)
    {
        if (_rendered.TryGetValue(name, out var done))
            return (!_kept.Contains(name), done);
        var raw = vars[name];
        if (!HasTemplate(raw))
            return (true, raw);
        if (!_rendering.Add(name) || _rendering.Count > MaxDepth)
            return (false, null);
        var value = Value(raw, name);
        _rendering.Remove(name);
        _rendered[name] = value;
        return (!_kept.Contains(name), value);
    }

    private object? Value(object? value, string var) =>
        value switch
        {
            string s when IsTemplate(s) => Text(s, var),
            Dictionary<string, object?> map => map.ToDictionary(
                e => e.Key,
                e => Value(e.Value, var),
                StringComparer.Ordinal
            ),
            List<object?> list => list.Select(item => Value(item, var)).ToList(),
            _ => value,
        };

    private static bool IsTemplate(string s) =>
        s.Contains("{{", StringComparison.Ordinal)
        || s.Contains("{%", StringComparison.Ordinal)
        || s.Contains("{#", StringComparison.Ordinal);

    private object? Text(string text, string var)
    {
        if (text.Contains("{%", StringComparison.Ordinal) || text.Contains("{#", StringComparison.Ordinal))
        {
            return Keep(text, var, "{% %} blocks and {# #} comments are not rendered");
        }

        var pieces = new List<object?>();
        var literal = new StringBuilder();
        var i = 0;
        while (i < text.Length)
        {
            var open = text.IndexOf("{{", i, StringComparison.Ordinal);
            if (open < 0)
            {
                literal.Append(text, i, text.Length - i);
                break;
            }

            literal.Append(text, i, open - i);
            var close = text.IndexOf("}}", open + 2, StringComparison.Ordinal);
            if (close < 0)
                return Keep(text, var, "a '{{' is never closed");
            var expression = text[(open + 2)..close];
            if (!VarPath.TryParse(expression, out var path))
            {
                var reason =
                    $"'{{{{{expression}}}}}' is more than a var reference "
                    + "(filters, operators and tests are not rendered)";
                return Keep(text, var, reason);
            }

            if (Resolve(path, out var resolved) is { } why)
                return Keep(text, var, why);
            if (literal.Length > 0)
                pieces.Add(literal.ToString());
            literal.Clear();
            pieces.Add(new Resolved(resolved));
            i = close + 2;
        }

        if (literal.Length > 0)
            pieces.Add(literal.ToString());

        // Ansible's single-variable rule: exactly '{{ name }}' keeps a number, a boolean or None as it is.
        if (pieces is [Resolved { Value: bool or long or int or double or null } only] && VarPath.IsBareName(text))
        {
            return only.Value;
        }

        var joined = string.Concat(pieces.Select(p => p is Resolved r ? PythonText.Str(r.Value) : (string)p!));
        if (
            (joined.StartsWith('{') || joined.StartsWith('[') || joined is "True" or "False")
            && PythonLiteral.TryParse(joined, out var literalValue, jsonNames: true)
        )
        {
            return literalValue;
        }

        return joined;
    }

    /// <summary>Looks a reference up; returns why it cannot be, or null with the value.</summary>
    private string? Resolve(VarPath path, out object? value)
    {
        value = null;
        var undefined = $"'{path}' is not defined for this host";
        if (path.Name == "inventory_hostname")
            value = hostName;
        else if (path.Name == "inventory_hostname_short")
            value = hostName.Split('.')[0];
        else if (!vars.ContainsKey(path.Name))
            return undefined;
        else if (Var(path.Name) is (true, var found))
            value = found;
        else if (_rendering.Contains(path.Name))
            return $"the template of '{path.Name}' refers back to itself";
        else
            return $"'{path.Name}' cannot be rendered";

        foreach (var step in path.Steps)
        {
            switch (value)
            {
                case IDictionary map when step.Key is { } key && map.Contains(key):
                    value = map[key];
                    break;
                case IList list when step.Index is { } index && index >= -list.Count && index < list.Count:
                    value = list[index < 0 ? list.Count + index : index];
                    break;
                default:
                    return undefined;
            }
        }

        return null;
    }

    private string Keep(string text, string var, string reason)
    {
        Issues.Add((var, reason));
        _kept.Add(var);
        return text;
    }

    /// <summary>A value a template expression resolved to (null included), as opposed to literal text.</summary>
    private sealed record Resolved(object? Value);

    /// <summary>One step of a var reference: .key, ['key'] or [0] (.0 also indexes a list, as in Jinja).</summary>
    private sealed record Step(string? Key, int? Index)
    {
        public override string ToString() => Key is not null ? $"['{Key}']" : $"[{Index}]";
    }

    /// <summary>A var reference: a name and the keys and indexes after it.</summary>
    private sealed record VarPath(string Name, IReadOnlyList<Step> Steps)
    {
        public override string ToString() => Name + string.Concat(Steps.Select(s => s.ToString()));

        public static bool IsBareName(string text)
        {
            var t = text.AsSpan();
            if (!t.StartsWith("{{") || !t.EndsWith("}}"))
                return false;
            var inner = t[2..^2].Trim();
            return inner.Length > 0 && IsName(inner) && t[2..^2].ToString().AsSpan().IndexOfAny("{}") < 0;
        }

        public static bool TryParse(string expression, out VarPath path)
        {
            path = new VarPath(string.Empty, []);
            var e = expression.Trim();
            var i = 0;
            var name = ReadName(e, ref i);
            if (name is null)
                return false;
            var steps = new List<Step>();
            while (i < e.Length)
            {
                if (e[i] == '.')
                {
                    i++;
                    var start = i;
                    while (i < e.Length && char.IsAsciiDigit(e[i]))
                        i++;
                    if (i > start)
                    {
                        steps.Add(new Step(e[start..i], int.Parse(e[start..i], CultureInfo.InvariantCulture)));
                        continue;
                    }

                    if (ReadName(e, ref i) is not { } key)
                        return false;
                    steps.Add(new Step(key, null));
                }
                else if (e[i] == '[')
                {
                    var close = e.IndexOf(']', i);
                    if (close < 0)
                        return false;
                    var inside = e[(i + 1)..close].Trim();
                    var quoted = inside.Length >= 2 && inside[0] is '\'' or '"' && inside[^1] == inside[0];
                    if (quoted && inside.IndexOf(inside[0], 1) == inside.Length - 1)
                    {
                        steps.Add(new Step(inside[1..^1], null));
                    }
                    else if (int.TryParse(inside, NumberStyles.Integer, CultureInfo.InvariantCulture, out var k))
                    {
                        steps.Add(new Step(null, k));
                    }
                    else
                    {
                        return false;
                    }

                    i = close + 1;
                }
                else
                {
                    return false;
                }
            }

            path = new VarPath(name, steps);
            return true;
        }

        private static string? ReadName(string e, ref int i)
        {
            var start = i;
            if (i >= e.Length || !(char.IsAsciiLetter(e[i]) || e[i] == '_'))
                return null;
            while (i < e.Length && (char.IsAsciiLetterOrDigit(e[i]) || e[i] == '_'))
                i++;
            return e[start..i];
        }

        private static bool IsName(ReadOnlySpan<char> s)
        {
            foreach (var c in s)
            {
                if (!(char.IsAsciiLetterOrDigit(c) || c == '_'))
                    return false;
            }

            return true;
        }
    }
}
