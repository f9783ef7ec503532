using System.Text.RegularExpressions;
using Runbook.Tests.Support;

namespace Runbook.Tests.Planning;

/// <summary>
/// The shipped RKE2 rotation's plan on each server layout: every server in exactly one rotating batch, etcd members
/// (combined servers included) before the control-plane-only servers, then the agents in batches of agent_batch.
/// </summary>
public partial class Rke2LayoutPlanTests
{
    private const string Runbook = "runbooks/rke2-certificate-rotation.yaml";

    public static TheoryData<string, string[], string[]> Layouts =>
        new()
        {
            { "inventories/rke2-split-roles.yaml", ["etcd-1", "etcd-2", "etcd-3"], ["cp-1", "cp-2"] },
            { "inventories/rke2-combined.yaml", ["server-1", "server-2", "server-3"], [] },
            { "tests/Runbook.Tests/Planning/Cases/rke2-mixed.yaml", ["both-1", "etcd-1", "both-2"], ["cp-1"] },
        };

    [Theory]
    [MemberData(nameof(Layouts))]
    public async Task Each_server_is_rotated_once_etcd_members_first(string inventory, string[] etcd, string[] cp)
    {
        var result = await CliRunner.RunAsync("plan", Runbook, "-i", inventory);
        Assert.True(result.ExitCode == 0, result.Stderr);

        var batches = Batches(result.Stdout);
        Assert.Equal(etcd.Select(h => new[] { h }), batches["etcd"]);
        Assert.Equal(cp.Select(h => new[] { h }), batches.GetValueOrDefault("control-plane", []));
        Assert.Contains("$ systemctl start rke2-server", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Agents_go_in_batches_of_the_agent_batch_param()
    {
        var result = await CliRunner.RunAsync(
            "plan",
            Runbook,
            "-i",
            "inventories/rke2-split-roles.yaml",
            "--param",
            "agent_batch=2"
        );
        Assert.True(result.ExitCode == 0, result.Stderr);

        Assert.Equal(
            [
                ["worker-1", "worker-2"],
                ["worker-3"],
            ],
            Batches(result.Stdout)["agents"]
        );
    }

    /// <summary>Each phase's batches, from the text plan's "phase N/M: NAME" and "batch N.M/K: a, b" lines.</summary>
    private static Dictionary<string, List<string[]>> Batches(string plan)
    {
        var phases = new Dictionary<string, List<string[]>>(StringComparer.Ordinal);
        List<string[]>? current = null;
        foreach (var line in plan.Split('\n'))
        {
            if (PhaseLine().Match(line) is { Success: true } phase)
                phases[phase.Groups[1].Value] = current = [];
            else if (BatchLine().Match(line) is { Success: true } batch && current is not null)
                current.Add(batch.Groups[1].Value.Split(", "));
        }

        return phases;
    }

    [GeneratedRegex(@"^phase \d+/\d+: (\S+)")]
    private static partial Regex PhaseLine();

    [GeneratedRegex(@"^  batch \d+\.\d+/\d+: (.+)$")]
    private static partial Regex BatchLine();
}
