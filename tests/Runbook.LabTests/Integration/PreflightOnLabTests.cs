using Runbook.Tests.Support;

namespace Runbook.Tests.Integration;

/// <summary>
/// Preflight, runbook check and --limit end to end over real SSH against the lab fleet: problems of every host are
/// reported before anything runs, and a limited run (and its resume) touches only the limited hosts.
/// </summary>
[Collection(LabCollection.Name)]
public sealed class PreflightOnLabTests(LabFixture lab)
{
    private const string Guarded = """
        runbook: guarded
        phases:
          - name: first
            hosts: name=etcd-1
            steps:
              - { name: mark, run: "touch ~/TAG-mark" }
          - name: second
            hosts: all
            steps:
              - name: use
                run: "touch ~/TAG-used"
                requires: [sh, TAG-tool]
        """;

    [Fact]
    public async Task An_unreachable_host_and_a_missing_command_are_reported_together_and_nothing_runs()
    {
        using var run = new LabRun(lab, Guarded);
        var inventory = Inventory(run, ghost: true);
        var result = await run.RunOnAsync(inventory);

        Assert.True(result.ExitCode == 3, result.Stdout + result.Stderr);
        Assert.Contains("[ghost] preflight unreachable:", result.Stdout, StringComparison.Ordinal);
        Assert.Contains(
            $"[etcd-1] preflight failed: missing command: {run.Tag}-tool",
            result.Stdout,
            StringComparison.Ordinal
        );
        Assert.Contains("preflight: 3 of 3 hosts not ready; nothing has run", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("\"event\":\"preflight-host\",\"host\":\"ghost\"", run.Events, StringComparison.Ordinal);
        Assert.Null(run.HostFile("etcd-1", "mark"));
        Assert.Null(run.HostFile("worker-1", "used"));
        Assert.DoesNotContain("step-started", run.Events, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_exits_3_for_an_unreachable_host_2_for_a_missing_command_and_0_when_ready()
    {
        using var run = new LabRun(lab, Guarded);
        var down = await Check(run, Inventory(run, ghost: true));
        var missing = await Check(run, Inventory(run, ghost: false));
        using var fine = new LabRun(lab, Guarded.Replace("TAG-tool", "ls", StringComparison.Ordinal));
        var ready = await Check(fine, Inventory(fine, ghost: false));

        Assert.True(down.ExitCode == 3, down.Stdout + down.Stderr);
        Assert.True(missing.ExitCode == 2, missing.Stdout + missing.Stderr);
        Assert.Contains("[worker-1] preflight failed: missing command:", missing.Stdout, StringComparison.Ordinal);
        Assert.True(ready.ExitCode == 0, ready.Stdout + ready.Stderr);
        Assert.Contains("preflight: 2 hosts ready", ready.Stdout, StringComparison.Ordinal);
        Assert.Null(run.HostFile("etcd-1", "mark"));
        Assert.False(Directory.Exists(run.StateDirectory), "check created a run");
    }

    [Fact]
    public async Task A_limited_run_touches_only_the_limited_hosts_and_its_resume_keeps_the_limit()
    {
        using var run = new LabRun(
            lab,
            """
            runbook: limited
            phases:
              - name: all
                hosts: role in (etcd, control-plane, worker)
                serial: 1
                steps:
                  - { name: mark, run: "touch ~/TAG-mark" }
                  - { name: go, run: "test -f ~/TAG-go" }
            """
        );
        var first = await run.RunAsync("--limit", "etcd-1:worker-1");
        Assert.True(first.ExitCode == 1, first.Stdout + first.Stderr);
        Assert.NotNull(run.HostFile("etcd-1", "mark"));
        Assert.Null(run.HostFile("worker-1", "mark"));

        foreach (var host in new[] { "etcd-1", "cp-1", "worker-1" })
            File.WriteAllText(Path.Combine(lab.State.Hosts.Single(h => h.Name == host).Home, $"{run.Tag}-go"), "");
        var resumed = await run.RunAsync("--resume", "last");

        Assert.True(resumed.ExitCode == 0, resumed.Stdout + resumed.Stderr);
        Assert.NotNull(run.HostFile("worker-1", "mark"));
        Assert.Null(run.HostFile("cp-1", "mark"));
        Assert.Contains("\"limit\": \"etcd-1:worker-1\"", run.Journal, StringComparison.Ordinal);
        Assert.DoesNotContain("\"host\":\"cp-1\"", run.Events, StringComparison.Ordinal);
    }

    private static Task<CliResult> Check(LabRun run, string inventory) =>
        CliRunner.RunAsync(["check", run.RunbookPath, "-i", inventory], run.Environment);

    /// <summary>etcd-1 and worker-1 of the lab, and with <paramref name="ghost"/> a host nothing listens on.</summary>
    private string Inventory(LabRun run, bool ghost)
    {
        var (etcd, worker) = (lab.Host("etcd-1"), lab.Host("worker-1"));
        var file = Path.Combine(run.Root, $"inventory-{Guid.NewGuid():n}.yaml");
        File.WriteAllText(
            file,
            $"""
            known_hosts: {lab.State.KnownHosts}
            defaults: {"{"} user: {etcd.User}, identity_file: {lab.State.ClientKey} {"}"}
            hosts:
              etcd-1: {"{"} address: {etcd.Address}, port: {etcd.Port}, roles: [etcd] {"}"}
              worker-1: {"{"} address: {worker.Address}, port: {worker.Port}, roles: [worker] {"}"}
            """ + (ghost ? $"\n  ghost: {{ address: 127.0.0.250, port: {etcd.Port} }}\n" : "\n")
        );
        return file;
    }
}
