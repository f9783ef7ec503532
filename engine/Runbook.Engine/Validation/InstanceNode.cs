using Runbook.Parsing;

namespace Runbook.Validation;

/// <summary>
/// Where a JSON instance location came from in the YAML: the node, the key it sits under (when in a mapping) and a
/// readable path such as <c>phases[0].steps[1]</c>.
/// </summary>
internal sealed record InstanceNode(SyntaxNode Node, ScalarSyntax? Key, string Path)
{
    /// <summary>The JSON Schema type the node converts to, by the YAML 1.2 core schema.</summary>
    public string JsonType =>
        Node switch
        {
            MappingSyntax => "object",
            SequenceSyntax => "array",
            ScalarSyntax s when s.IsNull => "null",
            ScalarSyntax s when s.AsBool() is not null => "boolean",
            ScalarSyntax s when s.AsInteger() is not null => "integer",
            ScalarSyntax s when s.AsNumber() is { } d && double.IsFinite(d) => "number",
            _ => "string",
        };

    /// <summary>The value as a message names it: <c>'abc'</c> for a string, <c>true</c> for a boolean, nothing for a collection.</summary>
    public string Value =>
        Node switch
        {
            ScalarSyntax s when JsonType == "string" => Quote(s.Value),
            ScalarSyntax s => s.Value,
            _ => string.Empty,
        };

    public string DisplayPath => Path.Length == 0 ? "(root)" : Path;

    public static string Quote(string text)
    {
        var shown = text.Length > 40 ? text[..40] + "…" : text;
        return "'" + shown.Replace("\n", "\\n", StringComparison.Ordinal) + "'";
    }
}
