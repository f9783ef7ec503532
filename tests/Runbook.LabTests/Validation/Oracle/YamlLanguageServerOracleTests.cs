using System.Text.Json;
using System.Text.Json.Nodes;
using Runbook.Parsing;
using Runbook.Tests.Support;

namespace Runbook.Tests.Validation.Oracle;

/// <summary>
/// What an editor shows, from the real yaml-language-server (the server of VS Code's YAML extension, driven over LSP
/// by tests/tools/yaml-ls.js), compared with `runbook validate` on every case file: the editor flags no line runbook
/// accepts, and in files whose problems are all about shape it flags exactly runbook's lines; a new file completes
/// runbook keys; a step without a kind, or with two, is told so.
/// </summary>
public sealed class YamlLanguageServerOracleTests(YamlLanguageServerOracleTests.Editor editor)
    : IClassFixture<YamlLanguageServerOracleTests.Editor>
{
    private const string OracleCases = "tests/Runbook.LabTests/Validation/Oracle/Cases";

    public static TheoryData<string> Files() => OracleFiles.Theory();

    [Theory]
    [MemberData(nameof(Files))]
    public async Task The_editor_flags_no_line_runbook_validate_accepts_and_every_line_of_a_shape_problem(string file)
    {
        var runbook = await OracleFiles.RunbookValidate(file);
        var tree = OracleFiles.Tree(file);
        var flagged = editor.Diagnostics[file].Select(d => d.ComparableLine(tree)).Distinct().Order().ToList();
        var expected = runbook.Select(d => d.Line).Distinct().Order().ToList();
        var report =
            $"runbook validate:\n  {string.Join("\n  ", runbook)}\neditor:\n  "
            + string.Join("\n  ", editor.Diagnostics[file]);

        if (runbook.Any(d => d.Code == Runbook.Diagnostics.Codes.YamlSyntax.Id))
        {
            // Two YAML parsers notice broken syntax at different places; both must notice it.
            Assert.True(flagged.Count > 0, report);
            return;
        }

        Assert.True(flagged.All(expected.Contains), "the editor flags a line runbook validate accepts\n" + report);
        if (runbook.All(d => OracleFiles.ShapeCodes.Contains(d.Code)))
        {
            Assert.True(expected.SequenceEqual(flagged), "runbook validate flags a line the editor misses\n" + report);
        }
    }

    [Fact]
    public void A_new_file_with_only_the_modeline_completes_runbook_keys()
    {
        var labels = Complete($"{OracleCases}/new-file.yaml");
        var runbookKeys = Keys("runbook");
        Assert.Equal(runbookKeys.Order(), labels.Distinct().Order());
        Assert.Equal("runbook", labels[0]);
    }

    [Fact]
    public void A_file_started_with_hosts_completes_inventory_keys()
    {
        var labels = Complete($"{OracleCases}/inventory-started.yaml");
        Assert.Equal(Keys("inventory").Where(k => k != "hosts").Order(), labels.Distinct().Order());
    }

    [Fact]
    public void The_editor_says_when_a_step_has_no_kind_or_two()
    {
        const string Cases = "tests/Runbook.Tests/Validation/SchemaCases";
        var none = Assert.Single(editor.Diagnostics[$"{Cases}/step-without-kind.yaml"]);
        Assert.Equal(
            "a step needs one of 'run', 'wait', 'verify', 'upload', 'template', " + "'fetch' or 'pause'",
            none.Message
        );
        Assert.Equal((7, 9), (none.Line, none.Column));

        // The second kind's key is marked: the editor puts the squiggle where the step stops being one kind.
        var two = Assert.Single(editor.Diagnostics[$"{Cases}/step-run-and-wait.yaml"]);
        Assert.Equal(
            "a step has one kind: 'run', 'wait', 'verify', 'upload', 'template', 'fetch' or " + "'pause', not two",
            two.Message
        );
        Assert.Equal((9, 9, 9, 13), (two.Line, two.Column, two.EndLine, two.EndColumn));

        var both = editor.Diagnostics["tests/Runbook.Tests/Validation/Cases/step-kinds.yaml"];
        Assert.Equal([none.Message, two.Message], both.Select(d => d.Message));
    }

    /// <summary>The labels yaml-language-server offers at the end of a file, as a client orders them.</summary>
    private static List<string> Complete(string file)
    {
        var result = ExternalTool.Node("yaml-ls.js", "complete", file);
        Assert.True(result.ExitCode == 0, result.Stderr);
        return JsonNode
            .Parse(result.Stdout)!
            .AsArray()
            .Select(i => (Label: (string)i!["label"]!, Sort: (string?)i["sortText"] ?? (string)i["label"]!))
            .OrderBy(i => i.Sort, StringComparer.Ordinal)
            .Select(i => i.Label)
            .ToList();
    }

    private static List<string> Keys(string definition)
    {
        var schema = JsonNode.Parse(File.ReadAllText(Path.Combine(RepoRoot.Path, "schema.json")))!;
        return [.. schema["$defs"]![definition]!["properties"]!.AsObject().Select(p => p.Key)];
    }

    /// <summary>yaml-language-server's diagnostics for every oracle file, from one server session.</summary>
    public sealed class Editor
    {
        private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

        public Editor()
        {
            // Files without a modeline get schema.json as an editor setting (yaml.schemas) would give it.
            string[] args = ["--schema", "schema.json", "diagnostics", .. OracleFiles.All];
            var result = ExternalTool.Node("yaml-ls.js", args);
            Assert.True(result.ExitCode == 0, result.Stderr);
            Diagnostics = JsonSerializer.Deserialize<Dictionary<string, List<EditorDiagnostic>>>(result.Stdout, Json)!;
        }

        public IReadOnlyDictionary<string, List<EditorDiagnostic>> Diagnostics { get; }
    }
}

/// <summary>One diagnostic as yaml-language-server publishes it (1-based lines and columns).</summary>
public sealed record EditorDiagnostic(int Line, int Column, int EndLine, int EndColumn, string Message)
{
    private const string TwoKinds =
        "a step has one kind: 'run', 'wait', 'verify', 'upload', " + "'template', 'fetch' or 'pause', not two";

    /// <summary>
    /// The line to compare with runbook's. Two conventions differ, each consistently: the editor marks a missing
    /// property on the key whose mapping lacks it (runbook marks that mapping), and a step's second kind on its key
    /// (runbook marks the step).
    /// </summary>
    internal int ComparableLine(SyntaxNode? tree)
    {
        if (OracleFiles.EntryAt(tree, Line, Column) is not var (_, value, parent))
            return Line;
        var missing = Message.StartsWith("Missing property", StringComparison.Ordinal);
        if (missing && value is MappingSyntax)
            return value.Span.Line;
        return Message == TwoKinds ? parent.Span.Line : Line;
    }

    public override string ToString() => $"{Line}:{Column} {Message}";
}
