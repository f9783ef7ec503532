using Runbook.Graph;
using Runbook.Planning;
using Runbook.Tests.Support;

namespace Runbook.Tests.Compilation;

public class CompilerTests
{
    private const string Rolling = """
        runbook: rolling
        params:
          token: { secret: true, default: s3cr3t-t0ken }
          settle: { type: duration, default: 2m }
        vars:
          unit: rke2-server
        phases:
          - name: etcd
            hosts: role=etcd
            serial: [1, 2]
            steps:
              - name: Stop
                run: systemctl stop {{ vars.unit }}
                become: true
              - name: Settle
                wait: "{{ params.settle }}"
              - name: Announce
                run: 'curl -H "Authorization: {{ params.token }}" https://example.invalid/{{ host.name }}'
            gates:
              - name: healthy
                verify: { run: "etcdctl endpoint health --cluster", every: 5s, within: 1m }
        """;

    [Fact]
    public void A_serial_ramp_makes_batches_in_inventory_order()
    {
        var (graph, diagnostics) = TestInputs.Compile(Rolling, TestInputs.SplitRoles());
        Assert.Empty(diagnostics);
        var batches = graph!.Phases[0].Batches.Select(b => string.Join(',', b.Hosts));
        Assert.Equal(["etcd-1", "etcd-2,etcd-3"], batches);
    }

    [Fact]
    public void Every_batch_waits_for_the_previous_batch_gates()
    {
        var (graph, _) = TestInputs.Compile(Rolling, TestInputs.SplitRoles());
        var edges = EdgeBuilder.Build(graph!.Phases);
        Assert.Contains(new GraphEdge("p1.b1.done", "p1.b1.g1"), edges);
        Assert.Contains(new GraphEdge("p1.b1.g1", "p1.b1.passed"), edges);
        Assert.Contains(new GraphEdge("p1.b1.passed", "p1.b2.start"), edges);
        Assert.Contains(new GraphEdge("p1.b2.start", "p1.b2.etcd-2.s1"), edges);
        Assert.Contains(new GraphEdge("p1.b2.etcd-2.s3", "p1.b2.done"), edges);
    }

    [Fact]
    public void Secrets_are_masked_in_the_plan_but_kept_for_execution()
    {
        var (graph, _) = TestInputs.Compile(Rolling, TestInputs.SplitRoles());
        var announce = graph!.AllSteps().First(s => s.Name == "Announce");
        Assert.Contains("s3cr3t-t0ken", announce.Command!.Text, StringComparison.Ordinal);
        Assert.Equal("curl -H \"Authorization: ***\" https://example.invalid/etcd-1", announce.Command.Display);
        foreach (var format in Enum.GetValues<PlanFormat>())
        {
            Assert.DoesNotContain("s3cr3t-t0ken", PlanRenderer.Render(graph, format), StringComparison.Ordinal);
        }
    }

    [Fact]
    public void A_param_read_from_the_environment_is_secret()
    {
        const string yaml = """
            runbook: env
            params:
              password: { env: RB_TEST_PASSWORD }
            phases:
              - name: p
                hosts: all
                steps: [{ name: s, run: "login --password {{ params.password }}" }]
            """;
        var (graph, diagnostics) = TestInputs.Compile(
            yaml,
            TestInputs.Inventory(("h1", "")),
            environment: n => n == "RB_TEST_PASSWORD" ? "hunter2" : null
        );
        Assert.Empty(diagnostics);
        Assert.Equal("login --password ***", graph!.AllSteps().Single().Command!.Display);
        Assert.DoesNotContain("hunter2", PlanRenderer.Render(graph, PlanFormat.Json), StringComparison.Ordinal);
    }

    [Fact]
    public void A_selector_that_matches_no_host_is_an_error_unless_allowed()
    {
        var yaml = Rolling.Replace("hosts: role=etcd", "hosts: role=etcd-server", StringComparison.Ordinal);
        var (graph, diagnostics) = TestInputs.Compile(yaml, TestInputs.SplitRoles());
        Assert.Null(graph);
        var d = Assert.Single(diagnostics);
        Assert.Equal("RB0031", d.Code);
        Assert.Equal(
            "phase 'etcd': selector 'role=etcd-server' matches no host in inventory 'test' (roles there: etcd, "
                + "control-plane, worker)",
            d.Message
        );

        var allowed = yaml.Replace("serial: [1, 2]", "allow_empty: true", StringComparison.Ordinal);
        var (empty, none) = TestInputs.Compile(allowed, TestInputs.SplitRoles());
        Assert.Empty(none);
        Assert.Empty(empty!.Phases[0].Batches);
    }

    [Fact]
    public void Param_overrides_are_checked_against_the_runbook()
    {
        var (graph, diagnostics) = TestInputs.Compile(
            Rolling,
            TestInputs.SplitRoles(),
            new() { ["setle"] = "1m", ["settle"] = "soon" }
        );
        Assert.Null(graph);
        Assert.Equal(
            [
                "RB0060 --param setle: runbook 'rolling' has no param 'setle'",
                "RB0061 --param settle: param 'settle' is a duration, and the value is not a duration: 'soon' (write 500ms, 10s, 5m, 1h or 1h30m)",
            ],
            diagnostics.Select(d => $"{d.Code} {d.Message}")
        );
        Assert.Equal("did you mean 'settle'? it takes: token, settle", diagnostics[0].Hint);
    }

    [Fact]
    public void A_step_whose_when_is_false_is_shown_as_skipped()
    {
        const string yaml = """
            runbook: when
            phases:
              - name: p
                hosts: all
                steps:
                  - name: Drain
                    when: host.vars.drain == true
                    run: kubectl drain {{ host.name }}
            """;
        var inventory = TestInputs.Inventory(("a", "worker")) with
        {
            Hosts =
            [
                TestInputs.Host("a", ["worker"], new Dictionary<string, object?> { ["drain"] = true }),
                TestInputs.Host("b", ["worker"]),
            ],
        };
        var (graph, diagnostics) = TestInputs.Compile(yaml, inventory);
        Assert.Empty(diagnostics);
        var steps = graph!.AllSteps().ToList();
        Assert.Equal("kubectl drain a", steps[0].Command!.Display);
        Assert.Equal("when: host.vars.drain == true is false", steps[1].SkipReason);
    }

    [Fact]
    public void A_step_on_any_runs_once_per_batch_with_its_candidates()
    {
        const string yaml = """
            runbook: once
            phases:
              - name: workers
                hosts: role=worker
                serial: 2
                steps:
                  - name: Cordon
                    on: any(role=control-plane)
                    run: kubectl cordon {{ batch.hosts | shjoin }}
                  - name: Restart
                    run: systemctl restart rke2-agent
            """;
        var (graph, diagnostics) = TestInputs.Compile(yaml, TestInputs.SplitRoles());
        Assert.Empty(diagnostics);
        var batch = graph!.Phases[0].Batches[0];
        var once = Assert.IsType<OnceSegment>(batch.Segments[0]);
        Assert.Equal(["cp-1", "cp-2"], once.Candidates.ToArray());
        Assert.Equal("kubectl cordon worker-1 worker-2", once.Step.Command!.Display);
        Assert.IsType<HostStepsSegment>(batch.Segments[1]);
    }

    [Fact]
    public void Compiling_twice_gives_byte_identical_plans()
    {
        var first = TestInputs.Compile(Rolling, TestInputs.SplitRoles()).Graph!;
        var second = TestInputs.Compile(Rolling, TestInputs.SplitRoles()).Graph!;
        foreach (var format in Enum.GetValues<PlanFormat>())
        {
            Assert.Equal(PlanRenderer.Render(first, format), PlanRenderer.Render(second, format));
        }
    }
}
