using Runbook.Compilation;
using Runbook.Tests.Support;

namespace Runbook.Tests.Planning;

/// <summary>
/// The plan hash (docs/ci.md): the same inputs give the same hash wherever the checkout is; each input (runbook,
/// included file, inventory, params, limit, ssh endpoint) changes it; a secret never enters it.
/// </summary>
public sealed class PlanHashTests : IDisposable
{
    private const string Runbook = """
        runbook: hashed
        params:
          days: { type: int, default: 30 }
          token: { type: string, secret: true, default: s3cr3t-token-value }
        phases:
          - name: nodes
            hosts: role=node
            steps:
              - { name: Renew, run: "renew --days {{ params.days }}" }
              - include: steps/extra.yaml
        """;

    private const string Extra = "steps:\n  - { name: Extra, run: extra-step }\n";

    private const string Inventory = """
        inventory: fleet
        hosts:
          node-1: { address: 10.0.0.1, roles: [node] }
          node-2: { address: 10.0.0.2, roles: [node] }
        """;

    private readonly string _root = Path.Combine(Path.GetTempPath(), "runbook-hash-" + Guid.NewGuid().ToString("n"));

    public PlanHashTests()
    {
        Write(_root, Runbook, Extra, Inventory);
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void The_same_inputs_in_another_checkout_hash_the_same()
    {
        var other = Path.Combine(_root, "elsewhere", "checkout");
        Write(other, Runbook, Extra, Inventory);
        Assert.Equal(Hash(_root), Hash(other));
        Assert.Matches("^sha256:[0-9a-f]{64}$", Hash(_root));
    }

    [Theory]
    [InlineData("runbook")]
    [InlineData("include")]
    [InlineData("inventory")]
    [InlineData("endpoint")]
    public void Each_input_changes_the_hash(string input)
    {
        var before = Hash(_root);
        switch (input)
        {
            case "runbook":
                File.AppendAllText(Path.Combine(_root, "runbook.yaml"), "\n# a comment changes the bytes reviewed\n");
                break;
            case "include":
                File.WriteAllText(Path.Combine(_root, "steps", "extra.yaml"), Extra.Replace("extra-step", "other"));
                break;
            case "inventory":
                File.AppendAllText(Path.Combine(_root, "inventory.yaml"), "\n# reviewed inventory bytes\n");
                break;
            case "endpoint":
                File.WriteAllText(Path.Combine(_root, "inventory.yaml"), Inventory.Replace("10.0.0.2", "10.0.0.9"));
                break;
        }

        Assert.NotEqual(before, Hash(_root));
    }

    [Fact]
    public void A_param_and_a_limit_change_the_hash()
    {
        var plain = Hash(_root);
        Assert.NotEqual(plain, Hash(_root, new Dictionary<string, string> { ["days"] = "31" }));
        Assert.NotEqual(plain, Hash(_root, limit: "node-1"));
    }

    [Fact]
    public void A_secret_is_not_in_the_plan_file_and_changing_only_it_keeps_the_hash()
    {
        var plan = Compile(_root);
        Assert.DoesNotContain("s3cr3t-token-value", RunbookEngine.PlanFileOf(plan), StringComparison.Ordinal);

        // The same runbook with another secret default: only the secret differs, so the hash (which masks it in the
        // runbook's text, as the params hash leaves it out) stays; anything else would make it guessable.
        var other = Path.Combine(_root, "other");
        Write(other, Runbook.Replace("s3cr3t-token-value", "another-secret-value"), Extra, Inventory);
        Assert.Equal(Hash(_root), Hash(other));
    }

    [Fact]
    public void A_become_password_in_an_ansible_inventory_stays_out_of_the_hash()
    {
        const string ini = "[node]\nnode-1 ansible_host=10.0.0.1 ansible_become_password=pass-word-1\n";
        var a = Path.Combine(_root, "a");
        var b = Path.Combine(_root, "b");
        Directory.CreateDirectory(a);
        Directory.CreateDirectory(b);
        File.WriteAllText(Path.Combine(a, "hosts.ini"), ini);
        File.WriteAllText(Path.Combine(b, "hosts.ini"), ini.Replace("pass-word-1", "entirely-different-2"));
        var runbook = Path.Combine(_root, "runbook.yaml");
        var first = RunbookEngine.Compile(runbook, Path.Combine(a, "hosts.ini"));
        var second = RunbookEngine.Compile(runbook, Path.Combine(b, "hosts.ini"));
        Assert.Equal(RunbookEngine.PlanHashOf(first), RunbookEngine.PlanHashOf(second));
        Assert.DoesNotContain("word-1", RunbookEngine.PlanFileOf(first), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Text_markdown_and_json_plans_and_the_plan_file_show_the_same_hash()
    {
        var hash = Hash(_root);
        var file = Path.Combine(_root, "plan.json");
        var runbook = Path.Combine(_root, "runbook.yaml");
        var inventory = Path.Combine(_root, "inventory.yaml");
        var text = await CliRunner.RunAsync("plan", runbook, "-i", inventory, "--out", file);
        var markdown = await CliRunner.RunAsync("plan", runbook, "-i", inventory, "--format", "markdown");
        var json = await CliRunner.RunAsync("plan", runbook, "-i", inventory, "--format", "json");
        Assert.Contains($"\nplan hash {hash}\n", text.Stdout, StringComparison.Ordinal);
        Assert.Contains($"\nPlan hash `{hash}`\n\n", markdown.Stdout, StringComparison.Ordinal);
        Assert.StartsWith($"{{\n  \"plan_hash\": \"{hash}\",\n", json.Stdout, StringComparison.Ordinal);
        var written = File.ReadAllText(file);
        Assert.StartsWith($"{{\n  \"plan_hash\": \"{hash}\",\n", written, StringComparison.Ordinal);
        Assert.Contains("\"inputs\": {", written, StringComparison.Ordinal);
        Assert.Contains("\"node-2 10.0.0.2:22 port-from-ssh_config\"", written, StringComparison.Ordinal);
    }

    private static void Write(string root, string runbook, string extra, string inventory)
    {
        Directory.CreateDirectory(Path.Combine(root, "steps"));
        File.WriteAllText(Path.Combine(root, "runbook.yaml"), runbook);
        File.WriteAllText(Path.Combine(root, "steps", "extra.yaml"), extra);
        File.WriteAllText(Path.Combine(root, "inventory.yaml"), inventory);
    }

    private static Graph.ExecutionGraph Compile(
        string root,
        Dictionary<string, string>? parameters = null,
        string? limit = null
    ) =>
        RunbookEngine.Compile(
            Path.Combine(root, "runbook.yaml"),
            Path.Combine(root, "inventory.yaml"),
            new CompileOptions(parameters ?? [], _ => null) { Limit = limit }
        );

    private static string Hash(string root, Dictionary<string, string>? parameters = null, string? limit = null) =>
        RunbookEngine.PlanHashOf(Compile(root, parameters, limit));
}
