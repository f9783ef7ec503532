using Runbook.Tests.Support;

namespace Runbook.Tests.Validation;

/// <summary>
/// Every shipped runbook validates with no error and no warning against every shipped inventory of the layouts it is
/// written for (docs/runbooks.md): a safety warning on one of them means the runbook is not safe to hand over there.
/// </summary>
public class ShippedLayoutValidationTests
{
    private static readonly string[] Rke2 =
    [
        "rke2-split-roles.yaml",
        "rke2-split-roles.ini",
        "rke2-combined.yaml",
        "rke2-mixed.yaml",
    ];

    public static TheoryData<string, string> Pairs()
    {
        var pairs = new TheoryData<string, string>();
        foreach (var runbook in new[] { "rke2-certificate-rotation", "rke2-ca-rotation", "rke2-recovery" })
        foreach (var inventory in Rke2)
            pairs.Add(runbook, inventory);
        foreach (var inventory in Rke2.Append("kubeadm-cluster.yaml").Append("etcd-cluster.yaml"))
            pairs.Add("certificate-expiry-audit", inventory);
        pairs.Add("kubeadm-certificate-renewal", "kubeadm-cluster.yaml");
        pairs.Add("etcd-ca-rotation", "etcd-cluster.yaml");
        return pairs;
    }

    [Theory]
    [MemberData(nameof(Pairs))]
    public void Shipped_runbook_is_clean_on_its_layout(string runbook, string inventory)
    {
        var diagnostics = RunbookEngine.Validate(
            [Path.Combine(RepoRoot.Path, "runbooks", runbook + ".yaml")],
            Path.Combine(RepoRoot.Path, "inventories", inventory)
        );
        Assert.True(diagnostics.Count == 0, string.Join("\n", diagnostics.Select(d => d.ToString())));
    }
}
