using Runbook.Model;
using Runbook.Planning;
using Runbook.Tests.Support;

namespace Runbook.Tests.Compilation;

public class InventorySecretTests
{
    [Fact]
    public void A_become_password_from_the_inventory_is_masked_like_a_secret_param()
    {
        const string Yaml = """
            runbook: secret
            phases:
              - name: p
                hosts: all
                steps: [{ name: s, run: "echo hunter2-pw", env: { PW: "x hunter2-pw" } }]
            """;
        var host = TestInputs.Host("h1", []) with { BecomePassword = new SecretText("hunter2-pw") };
        var inventory = TestInputs.Inventory(("h0", "")) with { Hosts = [host] };
        var (graph, diagnostics) = TestInputs.Compile(Yaml, inventory);
        Assert.Empty(diagnostics);
        var step = graph!.AllSteps().Single();
        Assert.Equal("echo ***", step.Command!.Display);
        Assert.Equal("echo hunter2-pw", step.Command.Text);
        Assert.Equal("x ***", step.Env.Single().Display);
        Assert.Equal("pw: ***", graph.Secrets.Apply("pw: hunter2-pw"));
        foreach (var format in Enum.GetValues<PlanFormat>())
        {
            Assert.DoesNotContain("hunter2-pw", PlanRenderer.Render(graph, format), StringComparison.Ordinal);
        }

        Assert.Equal("***", host.BecomePassword!.ToString());
        Assert.DoesNotContain("hunter2-pw", host.ToString(), StringComparison.Ordinal);
    }
}
