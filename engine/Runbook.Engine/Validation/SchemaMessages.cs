using System.Text.Json.Nodes;
using Json.Schema;
using Runbook.Parsing;

namespace Runbook.Validation;

/// <summary>
/// Words schema errors for people. JsonSchema.Net's own messages do not name the value or the constraint
/// ("The string value is not a match for the indicated regular expression"), so the keywords schema.json uses are
/// reworded from the instance and the schema; any other keyword keeps the library's text.
/// </summary>
internal sealed class SchemaMessages(JsonInstance instance)
{
    /// <summary>The pattern of schema.json's template alternatives ($defs/paramsTemplate).</summary>
    private const string TemplatePattern = @"\{\{|\{%";

    public SchemaError ForKeyword(EvaluationResults result, string keyword, string libraryMessage)
    {
        var location = result.InstanceLocation.ToString();
        var at = instance.At(location);
        var path = result.EvaluationPath.ToString();
        var value = EmbeddedSchema.Keyword(path, keyword);
        switch (keyword)
        {
            case not "" when value is null:
                return new(location, keyword, libraryMessage, []);
            case "type":
                return Types(location, Strings(value));
            case "required":
                var present = at.Node is MappingSyntax map ? map.Entries.Select(e => e.Key.Value).ToHashSet() : [];
                var missing = Strings(value).Where(k => !present.Contains(k)).ToList();
                var noun = missing.Count == 1 ? "key" : "keys";
                return new(
                    location,
                    keyword,
                    $"missing required {noun} {string.Join(", ", missing.Select(k => $"'{k}'"))}",
                    missing
                );
            case "pattern" when path.EndsWith("/propertyNames", StringComparison.Ordinal):
                var key = InstanceNode.Quote(at.Key?.Value ?? string.Empty);
                return new(location, keyword, $"key {key} does not match {Text(value)}", [], AtKey: true);
            case "pattern" when Text(value) == TemplatePattern:
                // A plain string fails the template alternative (serial: "{{ params.batch }}") as a wrong type
                // would: the other alternatives say what is wrong, or all merge into "expected integer or template".
                return Types(location, ["template"]);
            case "pattern":
                return new(location, keyword, $"{at.Value} does not match {Text(value)}", []);
            case "enum":
                return new(location, keyword, $"{at.Value} is not one of: {string.Join(", ", Strings(value))}", []);
            case "minItems":
                var count = at.Node is SequenceSyntax seq ? seq.Items.Count : 0;
                var items = Text(value) == "1" ? "item" : "items";
                return new(location, keyword, $"needs at least {Text(value)} {items}, has {count}", []);
            case "" when path.EndsWith("/additionalProperties", StringComparison.Ordinal):
                var allowed = EmbeddedSchema.Keyword(path[..path.LastIndexOf('/')], "properties")
                    is JsonObject properties
                    ? string.Join(", ", properties.Select(p => p.Key))
                    : string.Empty;
                return new(location, "additionalProperties", $"unknown key; allowed keys: {allowed}", [], AtKey: true);
            default:
                return new(location, keyword, libraryMessage, []);
        }
    }

    /// <summary>A type error, possibly merged from alternatives: "expected integer, string or array, found boolean true".</summary>
    public SchemaError Types(string location, IReadOnlyList<string> expected)
    {
        var at = instance.At(location);
        var found = at.Value.Length == 0 ? at.JsonType : at.JsonType + " " + at.Value;
        return new(location, "type", $"expected {Alternatives(expected)}, found {found}", expected);
    }

    /// <summary>Alternatives that each require a different key, none present: "needs one of 'run', 'wait' or 'verify'".</summary>
    public static SchemaError NeedsOneOf(string location, IReadOnlyList<string> keys) =>
        new(location, "required", $"needs one of {Alternatives(keys.Select(k => $"'{k}'").ToList())}", keys);

    public SchemaError MatchesNone(string location, IReadOnlyList<string> titles)
    {
        var value = instance.At(location).Value;
        var subject = value.Length == 0 ? "matches" : value + " matches";
        return new(location, "anyOf", $"{subject} none of: {string.Join(", ", titles)}", []);
    }

    public static SchemaError MatchesSeveral(string location, IReadOnlyList<string> titles) =>
        new(location, "oneOf", $"matches more than one of: {string.Join(", ", titles)}; exactly one is allowed", []);

    private static string Alternatives(IReadOnlyList<string> words) =>
        words.Count <= 1 ? string.Concat(words) : string.Join(", ", words.Take(words.Count - 1)) + " or " + words[^1];

    private static string Text(JsonNode? node) =>
        node is JsonValue v && v.TryGetValue<string>(out var s) ? s : node?.ToJsonString() ?? "null";

    private static List<string> Strings(JsonNode? node) =>
        node switch
        {
            JsonArray array => array.Select(Text).ToList(),
            null => [],
            _ => [Text(node)],
        };
}
