using Runbook.Tests.Support;

namespace Runbook.Tests.Planning;

/// <summary>
/// The plan of every shipped runbook against the inventories it is meant for, stored as text and markdown beside the
/// tests: a change to a runbook shows up in review as a readable change to its snapshot.
/// Refresh with: RUNBOOK_ACCEPT_SNAPSHOTS=1 tests/run --filter PlanSnapshotTests
/// </summary>
public class PlanSnapshotTests
{
    public static TheoryData<string, string> Pairs() =>
        new()
        {
            { "rke2-certificate-rotation", "rke2-split-roles" },
            { "rke2-certificate-rotation", "rke2-combined" },
            { "rke2-certificate-rotation", "rke2-mixed" },
            { "rke2-ca-rotation", "rke2-split-roles" },
            { "rke2-ca-rotation", "rke2-combined" },
            { "certificate-expiry-audit", "rke2-split-roles" },
            { "rke2-recovery", "rke2-split-roles" },
            { "etcd-ca-rotation", "etcd-cluster" },
            { "etcd-ca-rotation", "etcd-cluster-with-clients" },
            { "kubeadm-certificate-renewal", "kubeadm-cluster" },
        };

    [Theory]
    [MemberData(nameof(Pairs))]
    public async Task The_text_plan_of_a_shipped_runbook_matches_its_snapshot(string runbook, string inventory)
    {
        var result = await CliRunner.RunAsync(
            "plan",
            $"runbooks/{runbook}.yaml",
            "-i",
            $"inventories/{inventory}.yaml"
        );
        Assert.True(result.ExitCode == 0, result.Stderr);
        Snapshot.Match(result.Stdout, $"Planning/Snapshots/{runbook}.{inventory}.plan.txt");
    }

    [Theory]
    [MemberData(nameof(Pairs))]
    public async Task The_markdown_plan_of_a_shipped_runbook_matches_its_snapshot(string runbook, string inventory)
    {
        var result = await CliRunner.RunAsync(
            "plan",
            $"runbooks/{runbook}.yaml",
            "-i",
            $"inventories/{inventory}.yaml",
            "--format",
            "markdown"
        );
        Assert.True(result.ExitCode == 0, result.Stderr);
        Snapshot.Match(result.Stdout, $"Planning/Snapshots/{runbook}.{inventory}.plan.md");
    }

    [Fact]
    public void Every_shipped_runbook_has_a_plan_snapshot()
    {
        var covered = Pairs().Select(p => (string)p[0]).ToHashSet();
        var shipped = Directory
            .GetFiles(Path.Combine(RepoRoot.Path, "runbooks"), "*.yaml")
            .Select(f => Path.GetFileNameWithoutExtension(f));
        Assert.All(shipped, name => Assert.Contains(name, covered));
    }
}
