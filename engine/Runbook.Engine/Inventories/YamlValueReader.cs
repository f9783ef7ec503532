using Runbook.Diagnostics;
using Runbook.Parsing;

namespace Runbook.Inventories;

/// <summary>
/// Turns YAML vars and labels into plain .NET values: string, long, double, bool, null, List and Dictionary.
/// Aliases are expanded, so the total number of values read is bounded: a few anchors reused in a loop would
/// otherwise expand exponentially ("billion laughs"). With <paramref name="ansible"/>, values are read as Ansible
/// reads them: YAML 1.1 scalars (<see cref="Yaml11"/>) and merge keys (<see cref="AnsibleYaml"/>).
/// </summary>
internal sealed class YamlValueReader(NodeReader reader, bool ansible = false)
{
    public const int MaxValues = 1_000_000;

    private int _budget = MaxValues;

    /// <summary>A mapping of vars, sorted by key; null when the node is absent or not a mapping.</summary>
    public SortedDictionary<string, object?>? Vars(SyntaxNode? node, string what)
    {
        if (node is ScalarSyntax { IsNull: true })
            return new(StringComparer.Ordinal);
        if (reader.Mapping(node, what) is not { } map)
            return null;
        var vars = new SortedDictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (key, value) in map.Entries)
            vars[key.Value] = Value(value);
        return vars;
    }

    /// <summary>A mapping of labels; numbers and booleans become their text.</summary>
    public SortedDictionary<string, string>? Labels(SyntaxNode? node, string what)
    {
        if (node is ScalarSyntax { IsNull: true })
            return new(StringComparer.Ordinal);
        if (reader.Mapping(node, what) is not { } map)
            return null;
        var labels = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in map.Entries)
        {
            if (value is ScalarSyntax { IsNull: false } scalar)
                labels[key.Value] = scalar.Value;
            else
                reader.WrongType(value, $"label '{key.Value}'", "a string");
        }

        return labels;
    }

    public object? Value(SyntaxNode node) => Value(node, depth: 1);

    private object? Value(SyntaxNode node, int depth)
    {
        if (!Spend(node, depth))
            return null;
        switch (node)
        {
            case MappingSyntax map:
                var entries = ansible ? AnsibleYaml.Entries(map, reader.Diagnostics) : map.Entries;
                var dictionary = new Dictionary<string, object?>(entries.Count, StringComparer.Ordinal);
                foreach (var (key, value) in entries)
                {
                    dictionary[ansible ? KeyText(key) : key.Value] = Value(value, depth + 1);
                }

                return dictionary;
            case SequenceSyntax sequence:
                return sequence.Items.Select(item => Value(item, depth + 1)).ToList();
            default:
                return Scalar((ScalarSyntax)node);
        }
    }

    /// <summary>
    /// A key as Ansible's JSON shows it: PyYAML types keys too, and json turns yes into "true", 0755 into "493".
    /// </summary>
    private static string KeyText(ScalarSyntax key) =>
        Yaml11.Value(key) switch
        {
            null => "null",
            bool b => b ? "true" : "false",
            long l => l.ToString(System.Globalization.CultureInfo.InvariantCulture),
            double d => d.ToString("R", System.Globalization.CultureInfo.InvariantCulture),
            var other => other.ToString()!,
        };

    private object? Scalar(ScalarSyntax scalar)
    {
        if (ansible)
            return Yaml11.Value(scalar);
        if (scalar.IsNull)
            return null;
        if (scalar.AsBool() is { } flag)
            return flag;
        if (scalar.AsInteger() is { } integer)
            return integer;
        if (scalar.AsNumber() is { } number)
            return number;
        return scalar.Value;
    }

    private bool Spend(SyntaxNode node, int depth)
    {
        if (_budget <= 0)
            return false;
        if (--_budget == 0)
        {
            reader.Diagnostics.Error(
                Codes.FileTooLarge,
                node.Span,
                $"the vars hold more than {MaxValues:N0} values (aliases count each time they are used)"
            );
            return false;
        }

        if (depth <= YamlTreeBuilder.MaxDepth)
            return true;
        reader.Diagnostics.Error(
            Codes.TooDeep,
            node.Span,
            $"the vars are nested more than {YamlTreeBuilder.MaxDepth} levels deep (aliases included)"
        );
        return false;
    }
}
