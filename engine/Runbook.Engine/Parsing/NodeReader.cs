using System.Globalization;
using Runbook.Diagnostics;

namespace Runbook.Parsing;

/// <summary>Typed access to syntax nodes that reports wrong types, missing and unknown keys as diagnostics.</summary>
internal sealed class NodeReader(DiagnosticBag diagnostics)
{
    public DiagnosticBag Diagnostics { get; } = diagnostics;

    /// <summary>The file being read, for include items in it; null where includes cannot occur.</summary>
    public IncludeFrame? Include { get; init; }

    /// <summary>An item's name with the prefix of the include it came through (see <see cref="IncludeFrame"/>).
    /// </summary>
    public string Named(string name) => Include?.Named(name) ?? name;

    public MappingSyntax? Mapping(SyntaxNode? node, string what)
    {
        if (node is null)
            return null;
        if (node is MappingSyntax m)
            return m;
        WrongType(node, what, "a mapping");
        return null;
    }

    public SequenceSyntax? Sequence(SyntaxNode? node, string what)
    {
        if (node is null)
            return null;
        if (node is SequenceSyntax s)
            return s;
        WrongType(node, what, "a list");
        return null;
    }

    /// <summary>Reports every key of <paramref name="map"/> that is not in <paramref name="allowed"/>.</summary>
    public void CheckKeys(MappingSyntax map, string where, IReadOnlyList<string> allowed)
    {
        foreach (var (key, _) in map.Entries)
        {
            if (allowed.Contains(key.Value))
                continue;
            var guess = Suggest.Closest(key.Value, allowed);
            var hint = guess is not null
                ? $"did you mean '{guess}'? {where} takes: {string.Join(", ", allowed)}"
                : $"{where} takes: {string.Join(", ", allowed)}";
            Diagnostics.Error(Codes.UnknownKey, key.Span, $"unknown key '{key.Value}' in {where}", hint);
        }
    }

    public ScalarSyntax? Required(MappingSyntax map, string key, string where)
    {
        var node = map[key];
        if (node is null || node is ScalarSyntax { IsNull: true })
        {
            Diagnostics.Error(
                Codes.MissingKey,
                node?.Span ?? map.Span,
                $"{where} needs '{key}'",
                $"add '{key}: ...' to {where}"
            );
            return null;
        }

        return Scalar(node, $"'{key}'");
    }

    public ScalarSyntax? Scalar(SyntaxNode? node, string what)
    {
        if (node is null)
            return null;
        if (node is ScalarSyntax s)
            return s;
        WrongType(node, what, "a single value");
        return null;
    }

    public string? String(MappingSyntax map, string key, string where, bool required = false)
    {
        var s = required ? Required(map, key, where) : Scalar(map[key], $"'{key}'");
        return s is null || s.IsNull ? null : s.Value;
    }

    public bool? Bool(MappingSyntax map, string key)
    {
        if (map[key] is not { } node)
            return null;
        if (node is ScalarSyntax s && s.AsBool() is { } b)
            return b;
        var hint = node is ScalarSyntax { Value: "yes" or "no" or "on" or "off" or "Yes" or "No" } old
            ? $"YAML 1.2 reads '{old.Value}' as a string: write true or false"
            : null;
        WrongType(node, $"'{key}'", "true or false", hint);
        return null;
    }

    public int? Int(MappingSyntax map, string key, int min = 0)
    {
        if (map[key] is not { } node)
            return null;
        if (node is ScalarSyntax s && s.AsInteger() is { } n && n >= min && n <= int.MaxValue)
            return (int)n;
        if (node is ScalarSyntax { } sc && sc.AsInteger() is not null)
        {
            Diagnostics.Error(Codes.InvalidValue, node.Span, $"'{key}' must be at least {min}, not {sc.Value}");
            return null;
        }

        WrongType(node, $"'{key}'", min >= 0 ? "a whole number" : "an integer");
        return null;
    }

    /// <summary>A list of strings; a single string is accepted as a list of one.</summary>
    public List<ScalarSyntax>? StringList(SyntaxNode? node, string what)
    {
        switch (node)
        {
            case null:
                return null;
            case ScalarSyntax { IsNull: true }:
                return [];
            case ScalarSyntax s:
                return [s];
            case SequenceSyntax seq:
                var list = new List<ScalarSyntax>();
                foreach (var item in seq.Items)
                {
                    if (Scalar(item, $"an item of {what}") is { } v)
                        list.Add(v);
                }

                return list;
            default:
                WrongType(node, what, "a list of strings");
                return null;
        }
    }

    public void WrongType(SyntaxNode node, string what, string expected, string? hint = null)
    {
        var got = node is ScalarSyntax s && !s.IsNull ? $"{node.Describe()} ({Quote(s.Value)})" : node.Describe();
        Diagnostics.Error(Codes.WrongType, node.Span, $"{what} must be {expected}, not {got}", hint);
    }

    private static string Quote(string value)
    {
        var v = value.Length > 40 ? value[..40] + "…" : value;
        return "'" + v.Replace("\n", "\\n", StringComparison.Ordinal) + "'";
    }

    public static string Invariant(long n) => n.ToString(CultureInfo.InvariantCulture);
}
