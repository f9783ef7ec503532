using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Runbook.Diagnostics;
using Runbook.Parsing;

namespace Runbook.Validation;

/// <summary>
/// A YAML tree converted to JSON for schema evaluation, by the YAML 1.2 core schema: plain scalars become null, booleans
/// and numbers when they read as such; quoted and block scalars stay strings. Every JSON pointer maps back to its node.
/// </summary>
internal sealed partial class JsonInstance
{
    private readonly Dictionary<string, InstanceNode> _locations = new(StringComparer.Ordinal);
    private int _budget = YamlTreeBuilder.MaxNodes;

    private JsonInstance(SyntaxNode root)
    {
        Root = Convert(root, string.Empty, new InstanceNode(root, null, string.Empty), 0);
    }

    public JsonNode? Root { get; }

    /// <summary>Set when aliases expand the tree past the loader's limits; the instance is then incomplete.</summary>
    public (DiagnosticCode Code, string Message)? LimitExceeded { get; private set; }

    public static JsonInstance From(SyntaxNode root) => new(root);

    /// <summary>The node at a JSON pointer such as <c>/phases/0/serial</c>; the root when the pointer is unknown.</summary>
    public InstanceNode At(string pointer) =>
        _locations.TryGetValue(pointer, out var node) ? node : _locations[string.Empty];

    private JsonNode? Convert(SyntaxNode node, string pointer, InstanceNode location, int depth)
    {
        if (!WithinLimits(depth))
            return null;
        _locations[pointer] = location;
        switch (node)
        {
            case MappingSyntax map:
                var obj = new JsonObject();
                foreach (var (key, value) in map.Entries)
                {
                    var child = new InstanceNode(value, key, ChildPath(location.Path, key.Value));
                    obj[key.Value] = Convert(value, pointer + "/" + Escape(key.Value), child, depth + 1);
                }

                return obj;
            case SequenceSyntax seq:
                var array = new JsonArray();
                for (var i = 0; i < seq.Items.Count; i++)
                {
                    var index = i.ToString(CultureInfo.InvariantCulture);
                    var child = new InstanceNode(seq.Items[i], null, location.Path + "[" + index + "]");
                    array.Add(Convert(seq.Items[i], pointer + "/" + index, child, depth + 1));
                }

                return array;
            default:
                return Scalar((ScalarSyntax)node, location.JsonType);
        }
    }

    private bool WithinLimits(int depth)
    {
        if (LimitExceeded is not null)
            return false;
        if (depth > YamlTreeBuilder.MaxDepth)
        {
            LimitExceeded = (Codes.TooDeep, $"aliases nest the YAML more than {YamlTreeBuilder.MaxDepth} levels deep");
        }
        else if (--_budget < 0)
        {
            LimitExceeded = (
                Codes.FileTooLarge,
                $"aliases expand the YAML to more than {YamlTreeBuilder.MaxNodes:N0} nodes"
            );
        }

        return LimitExceeded is null;
    }

    private static JsonValue? Scalar(ScalarSyntax scalar, string type) =>
        type switch
        {
            "null" => null,
            "boolean" => JsonValue.Create(scalar.AsBool()!.Value),
            "integer" => JsonValue.Create(scalar.AsInteger()!.Value),
            "number" => JsonValue.Create(SchemaNumber(scalar.AsNumber()!.Value)),
            _ => JsonValue.Create(scalar.Value),
        };

    /// <summary>
    /// JsonSchema.Net compares numbers as decimals and throws OverflowException past about 7.9e28 (the fuzzer found
    /// `1e308`). Numbers that large are out of every range the schema sets, so clamping keeps each verdict.
    /// </summary>
    private static double SchemaNumber(double value) => Math.Clamp(value, -1e28, 1e28);

    private static string Escape(string key) =>
        key.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);

    private static string ChildPath(string parent, string key)
    {
        if (!PlainKey().IsMatch(key))
        {
            return parent
                + "[\""
                + key.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal)
                + "\"]";
        }

        return parent.Length == 0 ? key : parent + "." + key;
    }

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_-]*$", RegexOptions.CultureInvariant)]
    private static partial Regex PlainKey();
}
