using System.Text.Json.Nodes;
using Runbook.Tests.Support;

namespace Runbook.Tests.Validation.Oracle;

/// <summary>
/// schema.json as other JSON Schema tools see it, from Ajv (draft 2020-12, strict mode; tests/tools/ajv-check.js):
/// it compiles without errors or warnings, and on every case file Ajv and `runbook validate` agree which files are
/// valid and Ajv finds every line of a shape problem runbook reports.
/// </summary>
public sealed class AjvOracleTests(AjvOracleTests.Ajv ajv) : IClassFixture<AjvOracleTests.Ajv>
{
    public static TheoryData<string> Files() => OracleFiles.Theory();

    [Fact]
    public void Schema_json_compiles_under_Ajv_strict_mode_and_Ajv_defaults_without_a_warning()
    {
        var result = ExternalTool.Node("ajv-check.js", "compile");
        Assert.True(result.ExitCode == 0, result.Stderr);
        var modes = JsonNode.Parse(result.Stdout)!.AsObject();
        Assert.Equal(["strict", "default"], modes.Select(m => m.Key));
        Assert.All(
            modes,
            mode =>
            {
                Assert.True((bool)mode.Value!["compiled"]!, $"{mode.Key}: {mode.Value["error"]}");
                Assert.Empty(mode.Value["warnings"]!.AsArray());
            }
        );
    }

    [Theory]
    [MemberData(nameof(Files))]
    public async Task Ajv_and_runbook_validate_agree_on_each_case_file(string file)
    {
        var runbook = await OracleFiles.RunbookValidate(file);
        var errors = ajv.Errors[file];
        var report = $"runbook validate: {string.Join("; ", runbook)}\najv: {string.Join("; ", errors)}";

        // Runbook checks more than a schema can say (selectors, templates, names), never less: what Ajv rejects,
        // runbook rejects.
        Assert.True(errors.Count == 0 || runbook.Count > 0, "Ajv rejects a file runbook validate accepts\n" + report);
        if (runbook.Count > 0 && runbook.All(d => OracleFiles.ShapeCodes.Contains(d.Code)))
        {
            var lines = errors.Select(e => e.Line).ToHashSet();
            Assert.True(runbook.All(d => lines.Contains(d.Line)), "Ajv misses a shape problem\n" + report);
        }
    }

    [Fact]
    public void Ajv_with_ajv_errors_says_when_a_step_has_no_kind_or_two()
    {
        var none = ajv.Errors["tests/Runbook.Tests/Validation/SchemaCases/step-without-kind.yaml"];
        Assert.Contains(
            none,
            e =>
                e
                    is {
                        Line: 7,
                        Message: "a step needs one of 'run', "
                            + "'wait', 'verify', 'upload', 'template', 'fetch' or 'pause'"
                    }
        );
        Assert.DoesNotContain(none, e => e.Message.Contains("one kind", StringComparison.Ordinal));

        var two = ajv.Errors["tests/Runbook.Tests/Validation/SchemaCases/step-run-and-wait.yaml"];
        Assert.Contains(
            two,
            e =>
                e
                    is {
                        Line: 9,
                        Message: "a step has one kind: 'run', 'wait', 'verify', 'upload', "
                            + "'template', 'fetch' or 'pause', not two"
                    }
        );
    }

    /// <summary>Ajv's errors for every oracle file, from one run.</summary>
    public sealed class Ajv
    {
        public Ajv()
        {
            var result = ExternalTool.Node("ajv-check.js", ["validate", .. OracleFiles.All]);
            Assert.True(result.ExitCode == 0, result.Stderr);
            Errors = JsonNode
                .Parse(result.Stdout)!
                .AsObject()
                .ToDictionary(
                    f => f.Key,
                    f =>
                        f.Value!.AsArray()
                            .Select(e => new AjvError(
                                (int)e!["line"]!,
                                (string)e["path"]!,
                                (string)e["keyword"]!,
                                (string)e["message"]!
                            ))
                            .ToList()
                );
        }

        public IReadOnlyDictionary<string, List<AjvError>> Errors { get; }
    }
}

public sealed record AjvError(int Line, string Path, string Keyword, string Message)
{
    public override string ToString() => $"{Line} {Path} {Keyword}: {Message}";
}
