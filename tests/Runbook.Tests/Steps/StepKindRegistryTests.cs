using System.Text.Json;
using Runbook.Diagnostics;
using Runbook.Parsing;
using Runbook.Steps;
using Runbook.Tests.Support;

namespace Runbook.Tests.Steps;

/// <summary>
/// The registry is the one list of step kinds: these tests hold the places that are not code (the schema, the
/// language guide, the reader's messages) to it, so a kind added to the registry and forgotten there fails here.
/// </summary>
public class StepKindRegistryTests
{
    public static TheoryData<string> Kinds => [.. StepKinds.Keys];

    [Fact]
    public void Every_kind_has_its_own_key_and_its_records_say_that_key()
    {
        var keys = StepKinds.All.Select(k => k.Key).ToList();
        Assert.Equal(keys.Distinct(StringComparer.Ordinal).Count(), keys.Count);
        Assert.All(StepKinds.All, k => Assert.Same(k, StepKinds.Of(k.Key)));
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void The_schema_offers_the_kind_as_a_step_property_and_as_a_choice(string key)
    {
        using var schema = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepoRoot.Path, "schema.json")));
        var step = schema.RootElement.GetProperty("$defs").GetProperty("step");
        Assert.True(
            step.GetProperty("properties").TryGetProperty(key, out _),
            $"schema.json: $defs/step has no property '{key}'"
        );
        var required = step.GetProperty("oneOf")
            .EnumerateArray()
            .SelectMany(o =>
                o.TryGetProperty("required", out var r) ? r.EnumerateArray().Select(e => e.GetString()) : []
            );
        Assert.Contains(key, required);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void The_language_guide_documents_the_kind(string key)
    {
        var guide = File.ReadAllText(Path.Combine(RepoRoot.Path, "docs", "language.md"));
        Assert.Contains($"`{key}`", guide, StringComparison.Ordinal);
    }

    [Fact]
    public void A_step_without_a_kind_is_told_every_kind_the_registry_has()
    {
        const string yaml = """
            runbook: r
            phases:
              - name: p
                hosts: role=a
                steps:
                  - name: nothing
            """;
        var bag = new DiagnosticBag();
        RunbookReader.Read(SourceLoader.ParseYaml(new SourceText("r.yaml", yaml), bag), bag);
        var error = Assert.Single(bag.ToSortedList(), d => d.Code == Codes.StepKind.Id);
        Assert.Equal(
            "step 'nothing' has no 'run', 'wait', 'verify', 'upload', 'template', " + "'fetch' or 'pause'",
            error.Message
        );
    }
}
