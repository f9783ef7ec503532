using Runbook.Compilation;
using Runbook.Safety;
using Runbook.Tests.Execution;
using Runbook.Tests.Execution.Fakes;
using Runbook.Tests.Support;

namespace Runbook.Tests.Fleet;

/// <summary>--limit on plan, diff and run: what it selects, how it is shown, journaled and kept by a resume.</summary>
public class LimitCliTests
{
    private const string Rollout = """
        runbook: rollout
        phases:
          - name: nodes
            hosts: role=node
            serial: 1
            steps:
              - name: Upgrade
                run: do-upgrade
        """;

    [Fact]
    public async Task The_plan_runs_only_the_hosts_of_an_ansible_pattern_and_its_header_shows_the_limit()
    {
        using var dir = new CliRun(Rollout, hosts: 4);
        // node[0:1] is the first two hosts of the group (role) node, as Ansible slices a group.
        var limit = "node[0:1]:!node-2:node-4";
        var result = await CliRunner.RunAsync("plan", dir.RunbookPath, "-i", dir.InventoryPath, "--limit", limit);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("\nlimit node[0:1]:!node-2:node-4 (2 of 4 hosts)\n", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("hosts role=node -> node-1, node-4", result.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("host node-2", result.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("host node-3", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_selector_limits_as_well_and_a_plan_without_a_limit_has_no_limit_line()
    {
        using var dir = new CliRun(Rollout, hosts: 3);
        var limited = await CliRunner.RunAsync("plan", dir.RunbookPath, "-i", dir.InventoryPath, "-l", "name=node-3");
        var whole = await CliRunner.RunAsync("plan", dir.RunbookPath, "-i", dir.InventoryPath, "--format", "json");

        Assert.Contains("hosts role=node -> node-3\n", limited.Stdout, StringComparison.Ordinal);
        Assert.Contains("limit name=node-3 (1 of 3 hosts)", limited.Stdout, StringComparison.Ordinal);
        Assert.Equal(0, whole.ExitCode);
        Assert.DoesNotContain("limit", whole.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_limit_that_matches_nothing_is_exit_2_and_says_so()
    {
        using var dir = new CliRun(Rollout, hosts: 2);
        var result = await CliRunner.RunAsync("plan", dir.RunbookPath, "-i", dir.InventoryPath, "--limit", "web*");
        var bad = await CliRunner.RunAsync("plan", dir.RunbookPath, "-i", dir.InventoryPath, "--limit", "role=");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(
            "error RB0033: limit 'web*' matches no host in inventory 'test'",
            result.Stderr,
            StringComparison.Ordinal
        );
        Assert.Equal(2, bad.ExitCode);
        Assert.Contains("RB0032", bad.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Stderr + bad.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_gate_whose_hosts_the_limit_leaves_out_is_an_error_that_says_how_to_widen_it()
    {
        const string yaml = """
            runbook: gated
            phases:
              - name: nodes
                hosts: role=node
                steps:
                  - name: Upgrade
                    run: do-upgrade
                gates:
                  - name: healthy
                    on: any(name=node-2)
                    verify: { run: check, within: 1s }
            """;
        using var dir = new CliRun(yaml, hosts: 2);
        var result = await CliRunner.RunAsync("plan", dir.RunbookPath, "-i", dir.InventoryPath, "--limit", "node-1");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(
            "phase 'nodes': 'on: any(name=node-2)' matches no host within the limit",
            result.Stderr,
            StringComparison.Ordinal
        );
    }

    [Fact]
    public void Safety_rules_count_every_member_of_a_quorum_role_not_only_the_limited_hosts()
    {
        const string yaml = """
            runbook: etcd
            phases:
              - name: etcd
                hosts: role=etcd
                serial: 3
                steps:
                  - name: Restart
                    run: systemctl restart etcd
            """;
        using var dir = new CliRun(yaml, hosts: 0);
        File.WriteAllText(
            dir.InventoryPath,
            "inventory: test\nhosts:\n"
                + string.Concat(
                    Enumerable.Range(1, 5).Select(i => $"  etcd-{i}: {{ address: 10.0.0.{i}, roles: [etcd] }}\n")
                )
        );
        var options = CompileOptions.Default with { Limit = "etcd[0:2]" };
        var graph = RunbookEngine.Compile(dir.RunbookPath, dir.InventoryPath, options);

        Assert.Equal(["etcd-1", "etcd-2", "etcd-3"], graph.Phases[0].Hosts.ToList());
        var note = Assert.Single(SafetyRules.Check(graph), n => n.Code == "RB1001");
        Assert.Contains("takes 3 of the 5 'etcd' members down at once", note.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Several_inventories_are_merged_and_a_directory_is_read_whole()
    {
        using var dir = new CliRun(Rollout, hosts: 0);
        var inventories = Path.Combine(dir.Root, "inventories");
        Directory.CreateDirectory(inventories);
        File.WriteAllText(Path.Combine(inventories, "a"), "[node]\nweb1 ansible_host=10.0.0.1\n");
        File.WriteAllText(Path.Combine(inventories, "b"), "[node]\nweb2 ansible_host=10.0.0.2\n");
        var extra = Path.Combine(dir.Root, "extra");
        File.WriteAllText(extra, "[node]\nweb3 ansible_host=10.0.0.3\n");

        var both = await CliRunner.RunAsync("plan", dir.RunbookPath, "-i", inventories, "-i", extra, "-l", "~web[13]");

        Assert.Equal(0, both.ExitCode);
        Assert.Contains("(2 of 3 hosts)", both.Stdout, StringComparison.Ordinal);
        Assert.Contains("hosts role=node -> web1, web3\n", both.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_limited_run_touches_only_the_limited_hosts_and_records_the_limit()
    {
        using var dir = new CliRun(Rollout, hosts: 3);
        var transport = new FakeTransport();
        var result = await dir.RunAsync(transport, null, "--limit", "node-1:node-3");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(["node-1", "node-3"], transport.Connects.Keys.Order());
        Assert.Equal(["node-1", "node-3"], transport.Ran("do-upgrade").Select(e => e.Host).Order());
        Assert.Contains("\"limit\": \"node-1:node-3\"", File.ReadAllText(Path.Combine(dir.RunDirectory, "run.json")));
    }

    [Fact]
    public async Task A_resume_keeps_the_limit_and_refuses_another()
    {
        using var dir = new CliRun(Rollout, hosts: 3);
        var failing = new FakeTransport().On("node-2", "do-upgrade", new FakeReply(1));
        var first = await dir.RunAsync(failing, null, "--limit", "node-2:node-3");
        Assert.Equal(1, first.ExitCode);
        Assert.DoesNotContain(failing.Ran("do-upgrade"), e => e.Host == "node-1");

        var other = await dir.RunAsync(new FakeTransport(), null, "--resume", "last", "--limit", "node-1");
        Assert.Equal(2, other.ExitCode);
        Assert.Contains(
            "was started limited to 'node-2:node-3', not to 'node-1'",
            other.Stderr,
            StringComparison.Ordinal
        );

        var transport = new FakeTransport();
        var resumed = await dir.RunAsync(transport, null, "--resume", "last");
        Assert.Equal(0, resumed.ExitCode);
        Assert.Equal(["node-2", "node-3"], transport.Ran("do-upgrade").Select(e => e.Host).Order());
        Assert.DoesNotContain("node-1", transport.Connects.Keys);
    }
}
