using System.Text.Json.Nodes;
using Json.Schema;
using Runbook.Diagnostics;
using Runbook.Parsing;
using Runbook.Validation;

namespace Runbook.Tests.Validation;

public sealed class SchemaTests
{
    private static readonly string CaseDirectory = Path.Combine(AppContext.BaseDirectory, "Validation", "SchemaCases");

    private static readonly JsonNode SchemaDocument = JsonNode.Parse(EmbeddedSchema.Text)!;

    public static TheoryData<string> ValidCases => Cases(valid: true);

    public static TheoryData<string> InvalidCases => Cases(valid: false);

    [Fact]
    public void Schema_json_is_a_valid_draft_2020_12_schema_that_loads()
    {
        Assert.Equal("https://json-schema.org/draft/2020-12/schema", (string?)SchemaDocument["$schema"]);
        var meta = MetaSchemas.Draft202012.Evaluate(
            SchemaDocument,
            new EvaluationOptions { OutputFormat = OutputFormat.List }
        );
        Assert.True(meta.IsValid, "schema.json does not match the 2020-12 meta-schema");
        Assert.NotNull(EmbeddedSchema.Schema);
    }

    [Fact]
    public void Every_ref_in_schema_json_resolves()
    {
        var broken = Subschemas(SchemaDocument, "#")
            .Where(s => s.Schema["$ref"] is not null && Resolve((string)s.Schema["$ref"]!) is null)
            .Select(s => s.Path);
        Assert.Empty(broken);
    }

    [Fact]
    public void Every_property_has_a_description_and_examples_for_editors()
    {
        var undocumented = Subschemas(SchemaDocument, "#")
            .Where(s => s.Schema["properties"] is JsonObject)
            .SelectMany(s =>
                ((JsonObject)s.Schema["properties"]!).Select(p =>
                    (Path: s.Path + "/properties/" + p.Key, Schema: (JsonObject)p.Value!)
                )
            )
            .Where(p => !Documents(p.Schema, "description") || !Documents(p.Schema, "examples"))
            .Select(p => p.Path);
        Assert.Empty(undocumented);
    }

    [Fact]
    public void Every_mapping_with_fixed_keys_rejects_unknown_keys()
    {
        var open = Subschemas(SchemaDocument, "#")
            .Where(s =>
                s.Schema["properties"] is not null
                && s.Schema["additionalProperties"]?.GetValueKind() != System.Text.Json.JsonValueKind.False
            )
            .Select(s => s.Path);
        Assert.Empty(open);
    }

    [Fact]
    public void Each_step_kind_forbids_the_others_and_the_editor_messages_name_every_kind()
    {
        // Editors (yaml-language-server, Ajv with ajv-errors) show errorMessage for a step with no kind or two: each
        // kind's branch requires its key and forbids the others', so a kind added to the registry (and so to oneOf,
        // see StepKindRegistryTests) must be forbidden by every other branch and named by every message.
        var branches = SchemaDocument["$defs"]!["step"]!["oneOf"]!.AsArray().Select(b => b!.AsObject()).ToList();
        var kinds = branches.Select(b => (string)b["required"]![0]!).ToList();
        foreach (var branch in branches)
        {
            var kind = (string)branch["required"]![0]!;
            var exclusive = branch["allOf"]![0]!.AsObject();
            var keys = new System.Text.RegularExpressions.Regex((string)exclusive["propertyNames"]!["pattern"]!);
            Assert.All(kinds, k => Assert.True(keys.IsMatch(k) == (k == kind), $"the {kind} step forbids '{k}'?"));
            Assert.All(["name", "become", "timeout", "runner"], key => Assert.Matches(keys, key));
            string[] messages =
            [
                (string)branch["errorMessage"]!,
                (string)exclusive["errorMessage"]!,
                (string)exclusive["propertyNames"]!["errorMessage"]!,
            ];
            Assert.All(messages, m => Assert.All(kinds, k => Assert.Contains($"'{k}'", m, StringComparison.Ordinal)));
        }
    }

    [Theory]
    [MemberData(nameof(ValidCases))]
    public void A_valid_document_produces_no_diagnostics(string name)
    {
        Assert.Equal("0 errors, 0 warnings\n", Check(name));
    }

    [Theory]
    [MemberData(nameof(InvalidCases))]
    public void An_invalid_document_reports_each_failing_location_once_as_RB0090(string name)
    {
        var expected = File.ReadAllText(Path.Combine(CaseDirectory, Path.ChangeExtension(name, ".expected.txt")));
        Assert.Equal(expected, Check(name));
    }

    [Fact]
    public void Concurrent_validations_give_the_same_diagnostics_as_a_single_one()
    {
        string[] names =
        [
            "valid-full-runbook.yaml",
            "valid-full-inventory.yaml",
            "runbook-several-errors.yaml",
            "inventory-several-errors.yaml",
        ];
        var single = names.Select(Check).ToList();
        var results = new string[names.Length * 16];
        Parallel.For(0, results.Length, i => results[i] = Check(names[i % names.Length]));
        Assert.All(Enumerable.Range(0, results.Length), i => Assert.Equal(single[i % names.Length], results[i]));
    }

    [Fact]
    public void Aliases_that_nest_past_the_depth_limit_are_reported_instead_of_expanded()
    {
        var nest = (string inner) =>
            string.Concat(Enumerable.Repeat("[", 40)) + inner + string.Concat(Enumerable.Repeat("]", 40));
        var text = new SourceText(
            "deep.yaml",
            $"runbook: deep\nvars:\n  a: &a {nest("1")}\n  b: {nest("*a")}\nphases: []\n"
        );
        var bag = new DiagnosticBag();
        var document = SourceLoader.ParseYaml(text, bag);
        Assert.False(bag.HasErrors);

        SchemaValidator.Validate(document, bag);

        var diagnostic = Assert.Single(bag.ToSortedList());
        Assert.Equal(Codes.TooDeep.Id, diagnostic.Code);
    }

    private static string Check(string name)
    {
        var source = new SourceText(name, File.ReadAllText(Path.Combine(CaseDirectory, name)));
        var bag = new DiagnosticBag();
        var document = SourceLoader.ParseYaml(source, bag);
        Assert.False(
            bag.HasErrors,
            "the cases test the schema, not the loader:\n" + DiagnosticFormatter.Format(bag.ToSortedList(), _ => source)
        );
        SchemaValidator.Validate(document, bag);
        return DiagnosticFormatter.Format(bag.ToSortedList(), _ => source);
    }

    private static TheoryData<string> Cases(bool valid)
    {
        var names = Directory
            .GetFiles(CaseDirectory, "*.yaml")
            .Select(p => Path.GetFileName(p))
            .Where(n => n.StartsWith("valid-", StringComparison.Ordinal) == valid)
            .Order(StringComparer.Ordinal);
        return [.. names];
    }

    /// <summary>Every subschema (every JSON object) in the schema document, with its JSON pointer.</summary>
    private static IEnumerable<(string Path, JsonObject Schema)> Subschemas(JsonNode? node, string path)
    {
        if (node is JsonArray array)
        {
            return array.SelectMany((item, i) => Subschemas(item, $"{path}/{i}"));
        }

        if (node is not JsonObject obj)
            return [];
        var children = obj.Where(p => p.Key is not "examples" and not "default")
            .SelectMany(p => Subschemas(p.Value, $"{path}/{p.Key}"));
        return children.Prepend((path, obj));
    }

    private static bool Documents(JsonObject schema, string keyword) =>
        schema[keyword] is not null
        || (schema["$ref"] is { } reference && Resolve((string)reference!)?[keyword] is not null);

    private static JsonObject? Resolve(string reference)
    {
        JsonNode? node = SchemaDocument;
        foreach (var segment in reference.TrimStart('#').Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            node = node is JsonObject obj ? obj[segment] : null;
        }

        return node as JsonObject;
    }
}
