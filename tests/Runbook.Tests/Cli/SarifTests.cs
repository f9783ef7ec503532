using System.Text.Json.Nodes;
using Json.Schema;
using Runbook.Cli.CiFormats;
using Runbook.Diagnostics;
using Runbook.Tests.Support;

namespace Runbook.Tests.Cli;

/// <summary>
/// <c>runbook validate --format sarif</c> against the official SARIF 2.1.0 schema (vendored in Sarif/), and the
/// parts GitHub code scanning reads: rules, levels, regions and relative URIs.
/// </summary>
public sealed class SarifTests
{
    private static readonly Lazy<JsonSchema> Schema = new(LoadSchema);

    [Fact]
    public async Task Every_validation_case_gives_a_log_the_official_schema_accepts()
    {
        var cases = Directory
            .GetFiles(Path.Combine(RepoRoot.Path, "tests/Runbook.Tests/Validation/Cases"), "*.yaml")
            .Select(f => Path.GetRelativePath(RepoRoot.Path, f))
            .Order(StringComparer.Ordinal)
            .ToArray();

        var result = await CliRunner.RunAsync(["validate", "--format", "sarif", .. cases]);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal(string.Empty, result.Stderr);
        var log = JsonNode.Parse(result.Stdout)!;
        AssertValid(log);
        var run = log["runs"]![0]!;
        var rules = run["tool"]!["driver"]!["rules"]!.AsArray().Select(r => (string)r!["id"]!).ToList();
        var results = run["results"]!.AsArray();
        Assert.True(results.Count > 50, $"only {results.Count} results");
        Assert.Equal(rules, results.Select(r => (string)r!["ruleId"]!).Distinct().ToList());
        Assert.All(results, r => Assert.Equal(rules[(int)r!["ruleIndex"]!], (string)r["ruleId"]!));
        Assert.All(
            results,
            r =>
                Assert.StartsWith(
                    "tests/Runbook.Tests/Validation/Cases/",
                    (string)r!["locations"]![0]!["physicalLocation"]!["artifactLocation"]!["uri"]!,
                    StringComparison.Ordinal
                )
        );
    }

    [Fact]
    public async Task A_valid_file_gives_a_log_with_no_results_and_exit_0()
    {
        var result = await CliRunner.RunAsync("validate", "--format", "sarif", "runbooks/rke2-recovery.yaml");
        Assert.Equal(0, result.ExitCode);
        var log = JsonNode.Parse(result.Stdout)!;
        AssertValid(log);
        Assert.Empty(log["runs"]![0]!["results"]!.AsArray());
        Assert.Empty(log["runs"]![0]!["tool"]!["driver"]!["rules"]!.AsArray());
    }

    [Fact]
    public void Results_carry_level_region_and_rule_help_from_the_catalogue()
    {
        var included = new SourceSpan(Path.Combine(RepoRoot.Path, "runbooks/lib/my health.yaml"), 4, 9, 3);
        var log = JsonNode.Parse(
            SarifLog.Format(
                [
                    new Diagnostic(
                        "RB1001",
                        Severity.Warning,
                        new SourceSpan("runbooks/x.yaml", 57, 11, 4),
                        "takes 3 of 3",
                        "lower 'serial'"
                    ),
                    new Diagnostic("RB0123", Severity.Error, included, "no param 'endpont'")
                    {
                        IncludedFrom = new IncludeSite(new SourceSpan("runbooks/x.yaml", 12, 11), null),
                    },
                    new Diagnostic("RB0007", Severity.Error, SourceSpan.None("inventories/gone.yaml"), "unreadable"),
                ],
                RepoRoot.Path
            )
        )!;
        AssertValid(log);

        var run = log["runs"]![0]!;
        var quorum = run["tool"]!["driver"]!["rules"]![0]!;
        Assert.Equal("QuorumAtRisk", (string)quorum["name"]!);
        Assert.Equal("quorum at risk", (string)quorum["shortDescription"]!["text"]!);
        Assert.Equal(Codes.QuorumAtRisk.DefaultHint, ((string)quorum["help"]!["text"]!)["quorum at risk: ".Length..]);
        Assert.Equal("warning", (string)quorum["defaultConfiguration"]!["level"]!);

        var warning = run["results"]![0]!;
        Assert.Equal("warning", (string)warning["level"]!);
        Assert.Equal("takes 3 of 3\nhint: lower 'serial'", (string)warning["message"]!["text"]!);
        var region = warning["locations"]![0]!["physicalLocation"]!["region"]!;
        // SARIF's endColumn is the column after the last character: 11 + 4.
        Assert.Equal("""{"startLine":57,"startColumn":11,"endLine":57,"endColumn":15}""", region.ToJsonString());

        var inInclude = run["results"]![1]!;
        Assert.Equal(
            "runbooks/lib/my%20health.yaml",
            (string)inInclude["locations"]![0]!["physicalLocation"]!["artifactLocation"]!["uri"]!
        );
        Assert.Equal(
            "runbooks/x.yaml",
            (string)inInclude["relatedLocations"]![0]!["physicalLocation"]!["artifactLocation"]!["uri"]!
        );

        var unreadable = run["results"]![2]!["locations"]![0]!["physicalLocation"]!;
        Assert.Null(unreadable["region"]);
    }

    [Fact]
    public void The_schema_rejects_what_it_should_so_passing_it_means_something()
    {
        var log = JsonNode.Parse(SarifLog.Format([], RepoRoot.Path))!;
        AssertValid(log);
        log["version"] = "2.0.0";
        Assert.False(Schema.Value.Evaluate(log, Options()).IsValid);
    }

    private static void AssertValid(JsonNode log)
    {
        var result = Schema.Value.Evaluate(log, Options());
        var errors = result
            .Details.Where(d => d.HasErrors)
            .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Key}: {e.Value}"));
        Assert.True(result.IsValid, string.Join("\n", errors));
    }

    private static EvaluationOptions Options() =>
        new() { OutputFormat = OutputFormat.List, RequireFormatValidation = true };

    /// <summary>
    /// The vendored schema is draft-04, which JsonSchema.Net (drafts 6 and later) does not evaluate. The only
    /// draft-04 spellings it uses are its top-level "id" (since draft 6 "$id") and the "$schema" URI; no boolean
    /// exclusiveMinimum or other draft-04-only form occurs (checked below), so read as draft 7 it means the same.
    /// </summary>
    private static JsonSchema LoadSchema()
    {
        var text = File.ReadAllText(
            Path.Combine(RepoRoot.Path, "tests/Runbook.Tests/Cli/Sarif/sarif-schema-2.1.0.json")
        );
        var document = JsonNode.Parse(text)!.AsObject();
        Assert.Equal("http://json-schema.org/draft-04/schema#", (string?)document["$schema"]);
        Assert.DoesNotContain("exclusiveM", text, StringComparison.Ordinal);
        document["$schema"] = "http://json-schema.org/draft-07/schema#";
        document["$id"] = (string)document["id"]!;
        document.Remove("id");
        return JsonSchema.FromText(document.ToJsonString());
    }
}
