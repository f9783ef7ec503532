using Runbook.Safety;
using Runbook.Tests.Support;

namespace Runbook.Tests.Safety;

/// <summary>RB1002 takes a start in on_failure (or finally) as the fix for a unit a step stops.</summary>
public class CleanupSafetyTests
{
    private static string Runbook(string cleanup) =>
        $$"""
            runbook: stops
            phases:
              - name: rotate
                hosts: role=etcd
                steps:
                  - { name: Stop, run: systemctl stop rke2-server }
                  - { name: Rotate, run: rotate-it }
            {{cleanup}}
            """;

    [Theory]
    [InlineData("    on_failure:\n      - { name: Start again, run: systemctl start rke2-server }", false)]
    [InlineData("    finally:\n      - { name: Start again, run: systemctl restart rke2-server.service }", false)]
    [InlineData("    on_failure:\n      - { name: Start another, run: systemctl start kubelet }", true)]
    [InlineData("", true)]
    public void A_start_of_the_stopped_unit_in_the_phases_clean_up_is_the_fix(string cleanup, bool warns)
    {
        var yaml = Runbook(cleanup);
        var (graph, diagnostics) = TestInputs.Compile(
            yaml,
            TestInputs.Inventory(("etcd-1", "etcd"), ("etcd-2", "etcd"))
        );
        Assert.True(graph is not null, string.Join("\n", diagnostics));

        var withInventory = SafetyRules.Check(graph!).Where(n => n.Code == "RB1002");
        var written = SafetyRules.Check(TestInputs.Runbook(yaml)).Where(n => n.Code == "RB1002");

        Assert.Equal(warns, withInventory.Any());
        Assert.Equal(warns, written.Any());
    }
}
