using System.Text.Json.Nodes;
using Json.Pointer;
using Json.Schema;

namespace Runbook.Validation;

/// <summary>schema.json, embedded in the engine as <c>Runbook.schema.json</c>, loaded once on first use.</summary>
internal static class EmbeddedSchema
{
    public const string ResourceName = "Runbook.schema.json";

    private static readonly Lazy<string> LazyText = new(ReadResource);
    private static readonly Lazy<JsonSchema> LazySchema = new(() => JsonSchema.FromText(Text));
    private static readonly Lazy<JsonNode> LazyDocument = new(() => JsonNode.Parse(Text)!);

    // JsonSchema.Net 7.4 is not safe for concurrent evaluation of one schema (json-everything issue #929):
    // evaluations share one options instance and run one at a time. The schema check is cheap next to a rollout.
    private static readonly EvaluationOptions Options = new() { OutputFormat = OutputFormat.Hierarchical };
    private static readonly Lock EvaluationLock = new();

    public static string Text => LazyText.Value;

    public static JsonSchema Schema => LazySchema.Value;

    /// <summary>Evaluates an instance with hierarchical output: the error selection needs to know which subschemas passed.</summary>
    public static EvaluationResults Evaluate(JsonNode? instance)
    {
        var schema = Schema;
        lock (EvaluationLock)
        {
            return schema.Evaluate(instance, Options);
        }
    }

    /// <summary>The value of <paramref name="keyword"/> in the subschema an evaluation path leads to.</summary>
    public static JsonNode? Keyword(string evaluationPath, string keyword) => Subschema(evaluationPath)?[keyword];

    /// <summary>The title of the subschema an evaluation path leads to, or of its <c>$ref</c> target.</summary>
    public static string? Title(string evaluationPath)
    {
        var subschema = Subschema(evaluationPath);
        var title =
            subschema?["title"] ?? (subschema?["$ref"] is JsonValue reference ? Resolve(reference)?["title"] : null);
        return title?.GetValue<string>();
    }

    /// <summary>
    /// Walks an evaluation path (<c>/then/$ref/properties/phases/items/$ref</c>) through schema.json, following each
    /// <c>$ref</c>. Deliberately not the results' SchemaLocation: JsonSchema.Net 7.4 derives that lazily from the
    /// parent result's and gets it wrong unless every ancestor's was read first.
    /// </summary>
    private static JsonObject? Subschema(string evaluationPath)
    {
        JsonNode? node = LazyDocument.Value;
        foreach (var segment in evaluationPath.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            var name = segment
                .Replace("~1", "/", StringComparison.Ordinal)
                .Replace("~0", "~", StringComparison.Ordinal);
            node = node switch
            {
                JsonObject obj => obj[name],
                JsonArray array when int.TryParse(name, out var i) && i < array.Count => array[i],
                _ => null,
            };
            if (name == "$ref" && node is JsonValue reference)
                node = Resolve(reference);
        }

        return node as JsonObject;
    }

    /// <summary>The target of a reference within schema.json, such as <c>#/$defs/step</c>.</summary>
    private static JsonObject? Resolve(JsonValue reference) =>
        JsonPointer.TryParse(reference.GetValue<string>().TrimStart('#'), out var pointer)
        && pointer.TryEvaluate(LazyDocument.Value, out var target)
            ? target as JsonObject
            : null;

    private static string ReadResource()
    {
        using var stream =
            typeof(EmbeddedSchema).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"the engine assembly lacks the embedded resource {ResourceName}");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
