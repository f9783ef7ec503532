using Runbook.Tests.Support;

namespace Runbook.Tests.Planning.Fit;

/// <summary>
/// The markdown plan and diff of the shipped RKE2 rotation at fleet scale fit a pull-request comment: over
/// --max-chars (default 60,000, under GitHub's 65,536) they become a summary that collapses batches and changes of the
/// same shape, says what it left out, and is never longer than the limit. The one-line change is the agents' node
/// Ready gate, whose command names its batch's hosts, so the same change differs in every one of 192 batches.
/// </summary>
public sealed class FleetFitTests : IDisposable
{
    private const string Runbook = "runbooks/rke2-certificate-rotation.yaml";
    private readonly string _dir = Directory.CreateTempSubdirectory("runbook-fleet-fit-").FullName;

    public FleetFitTests()
    {
        var text = File.ReadAllText(Path.Combine(RepoRoot.Path, Runbook));
        var lines = text.Split('\n').ToList();
        // The last kubeconfig line of the file is the agents phase's node Ready gate.
        var last = lines.FindLastIndex(l => l.TrimStart().StartsWith("--kubeconfig", StringComparison.Ordinal));
        lines[last] += " --request-timeout 10s";
        File.WriteAllText(Head, string.Join('\n', lines));
    }

    private string Head => Path.Combine(_dir, "head.yaml");

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Theory]
    [InlineData(200)]
    [InlineData(1000)]
    public async Task The_fleet_plan_is_a_summary_within_the_default_limit_with_batches_of_one_shape_shown_once(
        int hosts
    )
    {
        var inventory = FleetInventory.Write(_dir, hosts);
        var workers = hosts - 8;

        var full = await Cli("plan", Runbook, "-i", inventory, "--format", "markdown", "--max-chars", "10000000");
        var plan = await Cli("plan", Runbook, "-i", inventory, "--format", "markdown");

        Assert.True(full.Length > 60_000, $"the full plan has {full.Length} characters");
        Assert.True(plan.Length <= 60_000, $"the summary has {plan.Length} characters");
        Assert.StartsWith($"<!-- runbook:plan rke2-certificate-rotation@fleet -->\n", plan, StringComparison.Ordinal);
        Assert.Contains(
            $"> **Summary:** the full plan has {full.Length:N0} characters, over the limit of 60,000 (`--max-chars`).",
            plan,
            StringComparison.Ordinal
        );
        Assert.Contains(
            $"<details><summary>Batches 4.1–4.{workers} ({workers} of {workers}): "
                + $"worker-1–worker-{workers}</summary>",
            plan,
            StringComparison.Ordinal
        );
        Assert.Contains(
            "<details><summary>Batches 2.1–2.3 (3 of 3): etcd-1–etcd-3</summary>",
            plan,
            StringComparison.Ordinal
        );
        // The batch shown is shown whole: its node Ready gate names its own host.
        Assert.Contains("get node worker-1 -o jsonpath", plan, StringComparison.Ordinal);
        Assert.DoesNotContain("get node worker-2 ", plan, StringComparison.Ordinal);
        Assert.EndsWith("</details>\n\n", plan, StringComparison.Ordinal);
        Assert.Equal(plan, await Cli("plan", Runbook, "-i", inventory, "--format", "markdown"));
    }

    [Theory]
    [InlineData(200)]
    [InlineData(1000)]
    public async Task The_fleet_diff_of_a_one_line_change_says_the_change_once_for_every_batch(int hosts)
    {
        var inventory = FleetInventory.Write(_dir, hosts);
        var workers = hosts - 8;

        var diff = await Cli("diff", Runbook, Head, "-i", inventory, "--format", "markdown");

        Assert.True(diff.Length <= 60_000, $"the summary has {diff.Length} characters");
        Assert.Contains("> **Summary:** the full diff has ", diff, StringComparison.Ordinal);
        Assert.Contains(
            $"    same change in all {workers} batches (4.1–4.{workers}), shown for batch 4.1:\n",
            diff,
            StringComparison.Ordinal
        );
        Assert.Contains(
            "      word diff: … --kubeconfig /etc/rancher/rke2/rke2.yaml {+--request-timeout 10s+} get node …\n",
            diff,
            StringComparison.Ordinal
        );
        Assert.Single(diff.Split('\n'), l => l.StartsWith("+ ", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(200, "plan", 1_000)]
    [InlineData(200, "plan", 5_000)]
    [InlineData(200, "plan", 20_000)]
    [InlineData(1000, "plan", 1_000)]
    [InlineData(1000, "plan", 12_000)]
    [InlineData(200, "diff", 1_000)]
    [InlineData(1000, "diff", 1_000)]
    [InlineData(1000, "diff", 2_000)]
    public async Task Whatever_the_limit_the_output_is_never_longer_and_says_it_is_a_summary(
        int hosts,
        string command,
        int max
    )
    {
        var inventory = FleetInventory.Write(_dir, hosts);
        string[] sides = command == "plan" ? [Runbook] : [Runbook, Head];

        var output = await Cli([command, .. sides, "-i", inventory, "--format", "markdown", "--max-chars", $"{max}"]);

        Assert.True(output.Length <= max, $"{output.Length} characters over {max}:\n{output}");
        Assert.Contains("(`--max-chars`).", output, StringComparison.Ordinal);
        Assert.Contains("**Summary:**", output, StringComparison.Ordinal);
        Assert.StartsWith(
            $"<!-- runbook:{command} rke2-certificate-rotation@fleet -->\n",
            output,
            StringComparison.Ordinal
        );
        Assert.EndsWith("\n\n", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_plan_within_the_limit_is_the_full_plan_byte_for_byte()
    {
        var inventory = "inventories/rke2-split-roles.yaml";

        var fitted = await Cli("plan", Runbook, "-i", inventory, "--format", "markdown");
        var exact = await Cli(
            "plan",
            Runbook,
            "-i",
            inventory,
            "--format",
            "markdown",
            "--max-chars",
            $"{fitted.Length}"
        );

        Assert.DoesNotContain("**Summary:**", fitted, StringComparison.Ordinal);
        Assert.Equal(fitted, exact);
        var cut = await Cli(
            "plan",
            Runbook,
            "-i",
            inventory,
            "--format",
            "markdown",
            "--max-chars",
            $"{fitted.Length - 1}"
        );
        Assert.Contains("**Summary:**", cut, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--format", "text", "--max-chars applies to --format markdown only, not text")]
    [InlineData("--format", "markdown", "--max-chars must be at least 1,000, not 999")]
    public async Task A_limit_the_output_cannot_keep_is_a_usage_error(string flag, string format, string message)
    {
        var result = await CliRunner.RunAsync(
            "plan",
            Runbook,
            "-i",
            "inventories/rke2-split-roles.yaml",
            flag,
            format,
            "--max-chars",
            format == "text" ? "5000" : "999"
        );

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(message, result.Stderr, StringComparison.Ordinal);
    }

    private static async Task<string> Cli(params string[] args)
    {
        var result = await CliRunner.RunAsync(args);
        Assert.True(result.ExitCode == 0, result.Stderr);
        return result.Stdout;
    }
}
