using Runbook.Tests.Execution.Fakes;
using Runbook.Tests.Support;

namespace Runbook.Tests.Execution;

/// <summary>
/// <c>runbook run --plan FILE</c> runs exactly the reviewed plan: the same inputs run and journal the hash; anything
/// else (runbook, included file, inventory, params, endpoints) is refused with exit 2, both hashes and the diff, and
/// nothing runs or is created.
/// </summary>
public class ReviewedPlanTests
{
    private const string TwoSteps = """
        runbook: reviewed
        params:
          days: { type: int, default: 30 }
        phases:
          - name: nodes
            hosts: role=node
            steps:
              - { name: One, run: "renew --days {{ params.days }}" }
              - { name: Two, run: step-two }
        """;

    [Fact]
    public async Task The_reviewed_plan_runs_and_its_hash_is_in_run_json_the_journal_and_the_run_started_event()
    {
        using var dir = new CliRun(TwoSteps);
        var file = await PlanFileAsync(dir);
        var hash = Hash(file);
        var events = Path.Combine(dir.Root, "events.ndjson");
        var transport = new FakeTransport();

        var result = await dir.RunAsync(transport, null, "--plan", file, "--events", events);

        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.Equal(2, transport.Ran("step-two").Count());
        var manifest = File.ReadAllText(Path.Combine(dir.RunDirectory, "run.json"));
        Assert.Contains($"\"plan_hash\": \"{hash}\"", manifest, StringComparison.Ordinal);
        Assert.Contains("\"reviewed\": true", manifest, StringComparison.Ordinal);
        Assert.Contains($"\"record\":\"run-started\"", dir.Journal, StringComparison.Ordinal);
        Assert.Contains($"\"plan_hash\":\"{hash}\"", dir.Journal, StringComparison.Ordinal);
        var started = File.ReadLines(events).First(l => l.Contains("\"run-started\"", StringComparison.Ordinal));
        Assert.Contains($"\"plan_hash\":\"{hash}\"", started, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_changed_param_is_refused_with_exit_2_both_hashes_and_the_diff_and_nothing_runs()
    {
        using var dir = new CliRun(TwoSteps);
        var file = await PlanFileAsync(dir);
        var transport = new FakeTransport();

        var result = await dir.RunAsync(transport, null, "--plan", file, "-p", "days=90");

        Assert.Equal(2, result.ExitCode);
        Assert.Empty(transport.Executions);
        Assert.False(Directory.Exists(dir.StateDirectory), "a refused run leaves no run behind");
        Assert.Contains(
            "error RB0152: the plan differs from the reviewed plan (params, plan changed); nothing ran",
            result.Stderr,
            StringComparison.Ordinal
        );
        Assert.Contains($"  reviewed plan hash {Hash(file)}\n", result.Stderr, StringComparison.Ordinal);
        Assert.Matches(@"  plan hash now      sha256:[0-9a-f]{64}\n", result.Stderr);
        Assert.Matches(
            "\n- +\"command\": \"renew --days 30\",\n\\+ +\"command\": \"renew --days 90\",\n",
            result.Stderr
        );
    }

    [Theory]
    [InlineData("runbook")]
    [InlineData("inventory")]
    [InlineData("ssh endpoints")]
    public async Task A_changed_input_file_is_refused_naming_what_changed(string what)
    {
        using var dir = new CliRun(TwoSteps);
        var file = await PlanFileAsync(dir);
        switch (what)
        {
            case "runbook":
                File.AppendAllText(dir.RunbookPath, "# edited after review\n");
                break;
            case "inventory":
                File.AppendAllText(dir.InventoryPath, "# edited after review\n");
                break;
            default:
                File.WriteAllText(
                    dir.InventoryPath,
                    File.ReadAllText(dir.InventoryPath).Replace("127.0.0.202", "127.0.0.99", StringComparison.Ordinal)
                );
                break;
        }

        var transport = new FakeTransport();
        var result = await dir.RunAsync(transport, null, "--plan", file);

        Assert.Equal(2, result.ExitCode);
        Assert.Empty(transport.Executions);
        Assert.Matches(
            $@"error RB0152: the plan differs from the reviewed plan \((?:[a-z ]+, )*{what}(?:, [a-z ]+)* changed\)",
            result.Stderr
        );
    }

    [Fact]
    public async Task A_file_that_is_not_a_plan_file_is_refused_with_RB0151()
    {
        using var dir = new CliRun(TwoSteps);
        var file = Path.Combine(dir.Root, "not-a-plan.json");
        File.WriteAllText(file, "{\"runbook\": \"reviewed\"}\n");
        var result = await dir.RunAsync(new FakeTransport(), null, "--plan", file);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains(
            "error RB0151: it has no \"plan_hash\": it is not a plan file",
            result.Stderr,
            StringComparison.Ordinal
        );
        var missing = await dir.RunAsync(new FakeTransport(), null, "--plan", Path.Combine(dir.Root, "none.json"));
        Assert.Equal(2, missing.ExitCode);
        Assert.Contains("error RB0150: file not found", missing.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_resume_with_the_reviewed_plan_goes_on_and_keeps_its_hash()
    {
        using var dir = new CliRun(TwoSteps);
        var file = await PlanFileAsync(dir);
        var transport = new FakeTransport().On("node-2", "step-two", new FakeReply(Exit: 1));
        var failed = await dir.RunAsync(transport, null, "--plan", file);
        Assert.Equal(1, failed.ExitCode);

        // Resumed with the same reviewed plan: it goes on, and run.json still holds the reviewed hash.
        var resumed = await dir.RunAsync(new FakeTransport(), null, "--resume", "last", "--plan", file);
        Assert.True(resumed.ExitCode == 0, resumed.Stderr);
        Assert.Contains(
            $"\"plan_hash\": \"{Hash(file)}\"",
            File.ReadAllText(Path.Combine(dir.RunDirectory, "run.json")),
            StringComparison.Ordinal
        );
    }

    private static async Task<string> PlanFileAsync(CliRun dir)
    {
        var file = Path.Combine(dir.Root, "plan.json");
        var plan = await CliRunner.RunAsync("plan", dir.RunbookPath, "-i", dir.InventoryPath, "--out", file);
        Assert.True(plan.ExitCode == 0, plan.Stderr);
        return file;
    }

    private static string Hash(string planFile) =>
        System
            .Text.Json.JsonDocument.Parse(File.ReadAllText(planFile))
            .RootElement.GetProperty("plan_hash")
            .GetString()!;
}
