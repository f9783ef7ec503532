using Runbook.Planning;
using Runbook.Tests.Support;

namespace Runbook.Tests.Compilation;

/// <summary>Secrets are masked in every form a plan shows them, and a secret too short to mask masks nothing.</summary>
public class SecretFormsTests
{
    private const string Runbook = """
        runbook: forms
        params:
          token: { secret: true, default: s3cr3t-t0ken }
          hosts_list: { type: list, secret: true, default: [alpha-node, beta-node] }
          settle: { type: duration, secret: true, default: 433s }
          pin: { secret: true, default: x1 }
        phases:
          - name: p
            hosts: all
            steps:
              - name: derived
                run: >-
                  login {{ params.token | upcase | append: '-v2' }} {{ params.hosts_list | join: ',' }}
                  {{ params.hosts_list | last }} {% assign t = params.token | split: '-' %}{{ t | first }}
              - name: short
                run: tool -tx1 {{ params.pin }}
              - name: wait
                wait: "{{ params.settle }}"
        """;

    [Fact]
    public void Values_derived_from_secrets_list_elements_and_durations_are_masked_in_every_plan_format()
    {
        var (graph, diagnostics) = TestInputs.Compile(Runbook, TestInputs.Inventory(("h1", "")));
        Assert.True(graph is not null, string.Join("\n", diagnostics));
        var steps = graph.AllSteps().ToList();
        Assert.Equal("login *** *** *** ***", steps[0].Command!.Display);
        Assert.Equal("tool -tx1 ***", steps[1].Command!.Display);
        foreach (var format in Enum.GetValues<PlanFormat>())
        {
            var plan = PlanRenderer.Render(graph, format);
            foreach (var secret in new[] { "s3cr3t", "S3CR3T-T0KEN-v2", "alpha-node", "beta-node", "7m13s", "433s" })
                Assert.DoesNotContain(secret, plan, StringComparison.Ordinal);
            Assert.Contains("-tx1", plan, StringComparison.Ordinal);
        }

        var warning = Assert.Single(diagnostics, d => d.Code == "RB0063");
        Assert.Contains("'pin'", warning.Message, StringComparison.Ordinal);
        Assert.Equal("run -tx1 ***", graph.Secrets.Apply("run -tx1 S3CR3T-T0KEN-v2"));
    }
}
