using Runbook.Tests.Support;

namespace Runbook.Tests.Safety;

/// <summary>
/// The safety rules run in `runbook validate` as warnings: each Cases/NAME.yaml is validated with the split-role
/// inventory (NAME.expected.txt) and without one (NAME.no-inventory.expected.txt). Warnings alone exit 0.
/// </summary>
public class SafetyWarningTests
{
    private const string CaseDir = "tests/Runbook.Tests/Safety/Cases";

    public static TheoryData<string> Cases()
    {
        var data = new TheoryData<string>();
        foreach (
            var file in Directory.GetFiles(Path.Combine(RepoRoot.Path, CaseDir), "*.yaml").Order(StringComparer.Ordinal)
        )
        {
            data.Add(Path.GetFileNameWithoutExtension(file));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Validate_with_an_inventory_warns_about_unsafe_plans_and_exits_0(string name)
    {
        var result = await CliRunner.RunAsync(
            "validate",
            $"{CaseDir}/{name}.yaml",
            "-i",
            "inventories/rke2-split-roles.yaml"
        );
        Assert.True(result.ExitCode == 0, result.Stderr);
        Snapshot.Match(result.Stdout, $"Safety/Cases/{name}.expected.txt");
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Validate_without_an_inventory_runs_the_rules_that_need_none(string name)
    {
        var result = await CliRunner.RunAsync("validate", $"{CaseDir}/{name}.yaml");
        Assert.True(result.ExitCode == 0, result.Stderr);
        Snapshot.Match(result.Stdout, $"Safety/Cases/{name}.no-inventory.expected.txt");
    }

    [Theory]
    [InlineData("runbooks/rke2-certificate-rotation.yaml", "inventories/rke2-split-roles.yaml")]
    [InlineData("runbooks/rke2-recovery.yaml", "inventories/rke2-split-roles.yaml")]
    [InlineData("runbooks/etcd-ca-rotation.yaml", "inventories/etcd-cluster.yaml")]
    [InlineData("runbooks/etcd-ca-rotation.yaml", "inventories/etcd-cluster-with-clients.yaml")]
    [InlineData("runbooks/kubeadm-certificate-renewal.yaml", "inventories/kubeadm-cluster.yaml")]
    [InlineData("runbooks/certificate-expiry-audit.yaml", "inventories/rke2-split-roles.yaml")]
    [InlineData("runbooks/rke2-certificate-rotation.yaml", "inventories/rke2-combined.yaml")]
    [InlineData("runbooks/rke2-certificate-rotation.yaml", "inventories/rke2-split-roles.ini")]
    [InlineData("runbooks/rke2-recovery.yaml", "inventories/rke2-split-roles.ini")]
    [InlineData("runbooks/etcd-ca-rotation.yaml", "inventories/kubeadm-cluster.yaml")]
    [InlineData("runbooks/certificate-expiry-audit.yaml", "inventories/rke2-combined.yaml")]
    [InlineData("runbooks/certificate-expiry-audit.yaml", "inventories/kubeadm-cluster.yaml")]
    [InlineData("runbooks/certificate-expiry-audit.yaml", "inventories/etcd-cluster.yaml")]
    public async Task A_shipped_runbook_has_no_safety_warnings_against_its_inventory(string runbook, string inventory)
    {
        var result = await CliRunner.RunAsync("validate", runbook, "-i", inventory);
        Assert.Equal(0, result.ExitCode);
        Assert.Equal("ok: 1 file valid\n", result.Stdout);
    }

    [Fact]
    public async Task The_recovery_runbook_says_in_its_plan_why_it_stops_every_etcd_member()
    {
        var result = await CliRunner.RunAsync(
            "plan",
            "runbooks/rke2-recovery.yaml",
            "-i",
            "inventories/rke2-split-roles.yaml",
            "--format",
            "json"
        );
        Assert.Equal(0, result.ExitCode);
        using var plan = System.Text.Json.JsonDocument.Parse(result.Stdout);
        var stopEtcd = plan
            .RootElement.GetProperty("phases")
            .EnumerateArray()
            .Single(p => p.GetProperty("name").GetString() == "stop-etcd");
        var accepted = Assert.Single(stopEtcd.GetProperty("accepted_risks").EnumerateArray());
        Assert.Equal("RB1001", accepted.GetProperty("code").GetString());
        Assert.StartsWith(
            "The cluster is already crash-looping",
            accepted.GetProperty("reason").GetString(),
            StringComparison.Ordinal
        );
    }
}
