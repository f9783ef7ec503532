namespace Runbook.Parsing;

/// <summary>Converts syntax nodes to plain .NET values (YAML 1.2 core schema) for vars, params and templates.</summary>
internal static class PlainValues
{
    public static object? From(SyntaxNode node) =>
        node switch
        {
            ScalarSyntax s when s.IsNull => null,
            ScalarSyntax s => (object?)s.AsBool() ?? (object?)s.AsInteger() ?? (object?)s.AsNumber() ?? s.Value,
            SequenceSyntax seq => seq.Items.Select(From).ToList(),
            MappingSyntax map => map.Entries.ToDictionary(e => e.Key.Value, e => From(e.Value), StringComparer.Ordinal),
            _ => null,
        };

    /// <summary>Text as a user would write it: true, 3, a list as "a, b".</summary>
    public static string Text(object? value) =>
        value switch
        {
            null => string.Empty,
            bool b => b ? "true" : "false",
            IFormattable f => f.ToString(null, System.Globalization.CultureInfo.InvariantCulture),
            IEnumerable<object?> list when value is not string => string.Join(", ", list.Select(Text)),
            _ => value.ToString() ?? string.Empty,
        };
}
