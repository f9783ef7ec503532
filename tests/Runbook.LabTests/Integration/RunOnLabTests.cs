using System.Globalization;
using Runbook.Tests.Support;

namespace Runbook.Tests.Integration;

/// <summary>`runbook run` end to end over real SSH against the lab fleet (etcd-1, cp-1 behind the bastion, worker-1).</summary>
[Collection(LabCollection.Name)]
public sealed class RunOnLabTests(LabFixture lab)
{
    private static readonly string[] RollingHosts = ["etcd-1", "cp-1", "worker-1"];

    [Fact]
    public async Task Each_batch_starts_only_after_the_previous_batch_and_its_gate_finished()
    {
        using var run = new LabRun(
            lab,
            """
            runbook: order
            phases:
              - name: rolling
                hosts: role in (etcd, control-plane, worker)
                serial: 1
                steps:
                  - { name: start, run: "date +%s%N > ~/TAG-start" }
                  - { name: work, run: sleep 0.2 }
                  - { name: end, run: "date +%s%N > ~/TAG-end" }
                gates:
                  - name: gate
                    on: any(role=etcd)
                    verify: { run: "date +%s%N >> ~/TAG-gate", every: 100ms, within: 10s }
            """
        );
        var result = await run.RunAsync();
        Assert.True(result.ExitCode == 0, result.Stdout + result.Stderr);

        var gates = run.HostFile("etcd-1", "gate")!
            .Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(Nanos)
            .ToList();
        Assert.Equal(3, gates.Count);
        for (var k = 0; k < RollingHosts.Length; k++)
        {
            var (start, end) = (
                Nanos(run.HostFile(RollingHosts[k], "start")!),
                Nanos(run.HostFile(RollingHosts[k], "end")!)
            );
            Assert.True(start < end);
            Assert.True(end < gates[k], $"batch {k + 1} ended after its gate ran");
            if (k + 1 < RollingHosts.Length)
                Assert.True(
                    gates[k] < Nanos(run.HostFile(RollingHosts[k + 1], "start")!),
                    $"batch {k + 2} started before batch {k + 1}'s gate passed"
                );
        }
    }

    [Fact]
    public async Task Hosts_of_a_batch_run_concurrently_but_never_more_than_forks()
    {
        const string yaml = """
            runbook: forks
            phases:
              - name: all
                hosts: role in (etcd, control-plane, worker)
                steps:
                  - { name: work, run: "date +%s%N > ~/TAG-start; sleep 0.5; date +%s%N > ~/TAG-end" }
            """;
        using var serial = new LabRun(lab, yaml);
        var first = await serial.RunAsync("--forks", "1");
        Assert.True(first.ExitCode == 0, first.Stderr);
        var one = Intervals(serial);
        Assert.All(
            one.Zip(one.Skip(1)),
            pair => Assert.True(pair.First.End <= pair.Second.Start, "two hosts ran at once with --forks 1")
        );

        using var parallel = new LabRun(lab, yaml);
        Assert.Equal(0, (await parallel.RunAsync("--forks", "3")).ExitCode);
        var three = Intervals(parallel);
        Assert.Contains(three.Zip(three.Skip(1)), pair => pair.Second.Start < pair.First.End);
    }

    [Fact]
    public async Task A_failed_batch_stops_the_rollout_before_the_next_batch_and_phase()
    {
        using var run = new LabRun(
            lab,
            """
            runbook: failing
            phases:
              - name: rolling
                hosts: role in (etcd, control-plane, worker)
                serial: 1
                steps:
                  - name: fails on cp-1
                    run: "{% if host.name == 'cp-1' %}exit 7{% else %}true{% endif %}"
                  - { name: mark, run: "touch ~/TAG-rolling" }
              - name: after
                hosts: all
                steps:
                  - { name: mark, run: "touch ~/TAG-after" }
            """
        );
        var result = await run.RunAsync();
        Assert.Equal(1, result.ExitCode);
        Assert.NotNull(run.HostFile("etcd-1", "rolling"));
        Assert.Null(run.HostFile("cp-1", "rolling"));
        Assert.Null(run.HostFile("worker-1", "rolling"));
        Assert.All(RollingHosts, h => Assert.Null(run.HostFile(h, "after")));
        Assert.Contains("\"exit\":7", run.Events, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_gate_is_retried_until_it_passes_and_a_gate_that_never_passes_exits_4()
    {
        using var retried = new LabRun(
            lab,
            """
            runbook: gate-retry
            phases:
              - name: p
                hosts: role=etcd
                steps:
                  - { name: later, run: "setsid sh -c 'sleep 0.6; touch ~/TAG-flag' >/dev/null 2>&1 < /dev/null &" }
                gates:
                  - name: flag appears
                    verify: { run: "test -f ~/TAG-flag", every: 100ms, within: 20s }
            """
        );
        Assert.Equal(0, (await retried.RunAsync()).ExitCode);
        Assert.True(
            retried.Events.Split('\n').Count(l => l.Contains("\"gate-attempt\"", StringComparison.Ordinal)) > 1,
            "the gate passed at its first attempt, so retrying was not shown"
        );

        using var never = new LabRun(
            lab,
            """
            runbook: gate-timeout
            phases:
              - name: p
                hosts: role=etcd
                serial: 1
                steps:
                  - { name: ok, run: "true" }
                gates:
                  - name: never
                    verify: { run: "false", every: 100ms, within: 500ms }
              - name: next
                hosts: all
                steps:
                  - { name: mark, run: "touch ~/TAG-next" }
            """
        );
        Assert.Equal(4, (await never.RunAsync()).ExitCode);
        Assert.All(RollingHosts, h => Assert.Null(never.HostFile(h, "next")));
    }

    [Fact]
    public async Task An_unreachable_host_fails_the_run_with_exit_3()
    {
        using var run = new LabRun(
            lab,
            """
            runbook: unreachable
            phases:
              - name: p
                hosts: all
                steps:
                  - { name: mark, run: "touch ~/TAG-mark" }
            """
        );
        var etcd = lab.Host("etcd-1");
        var inventory = Path.Combine(run.Root, "inventory.yaml");
        File.WriteAllText(
            inventory,
            $"""
            known_hosts: {lab.State.KnownHosts}
            defaults: {"{"} user: {etcd.User}, identity_file: {lab.State.ClientKey} {"}"}
            hosts:
              etcd-1: {"{"} address: {etcd.Address}, port: {etcd.Port} {"}"}
              ghost: {"{"} address: 127.0.0.250, port: {etcd.Port} {"}"}
            """
        );
        // Without the preflight, which stops before any step (PreflightOnLabTests): this is a host lost mid-run.
        var result = await run.RunOnAsync(inventory, "--no-preflight");
        Assert.Equal(3, result.ExitCode);
        Assert.Contains("\"host\":\"ghost\"", run.Events, StringComparison.Ordinal);
        Assert.Contains("\"status\":\"unreachable\"", run.Events, StringComparison.Ordinal);
        Assert.NotNull(run.HostFile("etcd-1", "mark"));
    }

    [Fact]
    public async Task A_secret_param_never_appears_in_output_events_or_journal()
    {
        const string secret = "s3cr3t-lab-t0ken";
        using var run = new LabRun(
            lab,
            $$$"""
            runbook: secrets
            params:
              token: { secret: true, default: {{{secret}}} }
            phases:
              - name: p
                hosts: role in (etcd, control-plane)
                steps:
                  - { name: stdout, run: "echo token={{ params.token }}" }
                  - { name: stderr, run: "echo {{ params.token }} >&2" }
                  - { name: file, run: "echo {{ params.token }} > ~/TAG-token" }
            """
        );
        var result = await run.RunAsync();
        Assert.Equal(0, result.ExitCode);
        Assert.Equal(secret + "\n", run.HostFile("cp-1", "token"));
        Assert.Contains("token=***", result.Stdout, StringComparison.Ordinal);
        foreach (var text in new[] { result.Stdout, result.Stderr, run.Events, run.Journal })
        {
            Assert.DoesNotContain(secret, text, StringComparison.Ordinal);
        }
    }

    private static long Nanos(string text) => long.Parse(text.Trim(), CultureInfo.InvariantCulture);

    private static List<(long Start, long End)> Intervals(LabRun run) =>
        RollingHosts
            .Select(h => (Nanos(run.HostFile(h, "start")!), Nanos(run.HostFile(h, "end")!)))
            .OrderBy(i => i.Item1)
            .ToList();
}
