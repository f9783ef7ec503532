using System.Text.Json;
using System.Text.RegularExpressions;
using Runbook.Tests.Support;

namespace Runbook.Tests.Diffing;

/// <summary>
/// A JSON diff carries the plan hashes the text and markdown diffs print: plan_hash (the head's, what run --plan
/// checks) and base_plan_hash, null for a new runbook.
/// </summary>
public sealed partial class JsonDiffHashTests
{
    private const string Inventory = "inventories/rke2-split-roles.yaml";

    [Fact]
    public async Task Json_diff_has_the_same_head_and_base_hashes_as_the_text_diff()
    {
        const string dir = "tests/Runbook.Tests/Diffing/Cases/serial-1-to-3-on-etcd";
        var text = await CliRunner.RunAsync("diff", $"{dir}/base.yaml", $"{dir}/head.yaml", "-i", Inventory);
        var json = await CliRunner.RunAsync(
            "diff",
            $"{dir}/base.yaml",
            $"{dir}/head.yaml",
            "-i",
            Inventory,
            "--format",
            "json"
        );
        Assert.True(json.ExitCode == 0, json.Stderr);
        var hashes = TextHashes().Match(text.Stdout);
        Assert.True(hashes.Success, text.Stdout);
        Assert.NotEqual(hashes.Groups[1].Value, hashes.Groups[2].Value);

        var root = JsonDocument.Parse(json.Stdout).RootElement;
        Assert.Equal(hashes.Groups[1].Value, root.GetProperty("plan_hash").GetString());
        Assert.Equal(hashes.Groups[2].Value, root.GetProperty("base_plan_hash").GetString());
    }

    [Fact]
    public async Task A_new_runbook_has_a_plan_hash_and_a_null_base_plan_hash()
    {
        const string head = "tests/Runbook.Tests/Diffing/Cases/new-runbook/head.yaml";
        var json = await CliRunner.RunAsync("diff", "/dev/null", head, "-i", Inventory, "--format", "json");
        var plan = await CliRunner.RunAsync("plan", head, "-i", Inventory, "--format", "json");
        Assert.True(json.ExitCode == 0, json.Stderr);

        var root = JsonDocument.Parse(json.Stdout).RootElement;
        Assert.Equal(JsonValueKind.Null, root.GetProperty("base_plan_hash").ValueKind);
        Assert.Equal(
            JsonDocument.Parse(plan.Stdout).RootElement.GetProperty("plan_hash").GetString(),
            root.GetProperty("plan_hash").GetString()
        );
        Assert.Matches("^sha256:[0-9a-f]{64}$", root.GetProperty("plan_hash").GetString());
    }

    [GeneratedRegex(@"\nplan hash (sha256:[0-9a-f]{64}) \(base (sha256:[0-9a-f]{64})\)\n")]
    private static partial Regex TextHashes();
}
