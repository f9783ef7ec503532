using Runbook.Tests.Support;

namespace Runbook.Tests.Integration;

/// <summary>
/// Approvals and the cluster lock against real sshd: a pause without a terminal waits (exit 5) and a resume with
/// --approve goes on and journals who approved; --yes approves in advance; a lock left by a failed run refuses a second
/// run (exit 2, naming the holder), is kept until the failed run is resumed (then released) or removed with unlock.
/// </summary>
[Collection(LabCollection.Name)]
public sealed class PauseAndLockOnLabTests(LabFixture lab)
{
    private const string Paused = """
        runbook: approvals
        phases:
          - name: rolling
            hosts: role in (etcd, worker)
            serial: 2
            steps:
              - { name: before, run: "echo before >> ~/TAG-log" }
              - { name: check, pause: "Check {{ batch.hosts | join: ' and ' }}, then approve" }
              - { name: after, run: "echo after >> ~/TAG-log" }
        """;

    [Fact]
    public async Task A_pause_waits_with_exit_5_and_a_resume_with_approve_goes_on_and_journals_the_approver()
    {
        using var run = new LabRun(lab, Paused);

        var waiting = await RunAsync(run, "bob");

        Assert.True(waiting.ExitCode == 5, waiting.Stdout + waiting.Stderr);
        Assert.Equal("before\n", run.HostFile("etcd-1", "log"));
        Assert.Equal("before\n", run.HostFile("worker-1", "log"));
        Assert.Contains(
            "[pause] check: waiting for approval: Check etcd-1 and worker-1, then approve",
            waiting.Stdout,
            StringComparison.Ordinal
        );
        Assert.Contains("--approve\n", waiting.Stderr, StringComparison.Ordinal);
        Assert.Single(run.Events.Split('\n'), l => l.Contains("\"event\":\"pause-waiting\"", StringComparison.Ordinal));

        var approved = await RunAsync(run, "carol", "--resume", "last", "--approve");

        Assert.True(approved.ExitCode == 0, approved.Stdout + approved.Stderr);
        Assert.Equal("before\nafter\n", run.HostFile("etcd-1", "log"));
        Assert.Equal("before\nafter\n", run.HostFile("worker-1", "log"));
        Assert.Contains(
            "\"record\":\"pause-approved\",\"id\":\"p1.b1.s2\",\"name\":\"check\",\"by\":\"carol\"",
            run.Journal,
            StringComparison.Ordinal
        );
        Assert.Contains("\"event\":\"pause-approved\"", run.Events, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Yes_approves_every_pause_in_advance()
    {
        using var run = new LabRun(lab, Paused.Replace("serial: 2", "serial: 1", StringComparison.Ordinal));

        var result = await RunAsync(run, "dave", "--yes");

        Assert.True(result.ExitCode == 0, result.Stdout + result.Stderr);
        Assert.Equal("before\nafter\n", run.HostFile("etcd-1", "log"));
        Assert.Equal("before\nafter\n", run.HostFile("worker-1", "log"));
        Assert.Equal(
            2,
            run.Journal.Split('\n')
                .Count(l =>
                    l.Contains(
                        "\"by\":\"dave\",\"how\":\"approved in advance for every pause\"",
                        StringComparison.Ordinal
                    )
                )
        );
    }

    [Fact]
    public async Task A_lock_kept_by_a_failed_run_refuses_a_second_run_until_the_first_is_resumed_or_unlocked()
    {
        var home = lab.State.Hosts.Single(h => h.Name == "etcd-1").Home;
        using var run = new LabRun(
            lab,
            $$"""
            runbook: locked
            lock: { on: any(role=etcd), name: certs-TAG, dir: {{home}}/TAG-locks }
            phases:
              - name: rolling
                hosts: role in (etcd, worker)
                steps:
                  - { name: work, run: "test -e ~/TAG-fail && exit 1; echo ran >> ~/TAG-log" }
            """
        );
        var lockDir = Path.Combine(home, $"{run.Tag}-locks", $"certs-{run.Tag}");
        File.WriteAllText(Path.Combine(home, $"{run.Tag}-fail"), string.Empty);

        var failed = await RunAsync(run, "erin");
        Assert.True(failed.ExitCode == 1, failed.Stdout + failed.Stderr);
        var first = Path.GetFileName(Directory.GetDirectories(Path.Combine(run.StateDirectory, "runs")).Single());
        Assert.True(Directory.Exists(lockDir), "the failed run should keep its lock");
        Assert.Contains($"run={first}\n", File.ReadAllText(Path.Combine(lockDir, "owner")), StringComparison.Ordinal);

        // Past this store's own one-run-at-a-time check (RunGuardTests), as a run from another machine would be.
        var second = await RunAsync(run, "erin", "--allow-concurrent");
        Assert.Equal(2, second.ExitCode);
        Assert.Contains(
            $"error: cluster lock 'certs-{run.Tag}' on etcd-1 ({lockDir}): held by run {first} of runbook locked from "
                + $"controller {Environment.MachineName}, since ",
            second.Stderr,
            StringComparison.Ordinal
        );
        Assert.Equal("ran\n", run.HostFile("worker-1", "log"));

        File.Delete(Path.Combine(home, $"{run.Tag}-fail"));
        var resumed = await RunAsync(run, "erin", "--resume", first);
        Assert.True(resumed.ExitCode == 0, resumed.Stdout + resumed.Stderr);
        Assert.Contains("still held by this run", resumed.Stdout, StringComparison.Ordinal);
        Assert.False(Directory.Exists(lockDir), "a run that succeeds releases its lock");
        Assert.Equal("ran\n", run.HostFile("etcd-1", "log"));

        File.WriteAllText(Path.Combine(home, $"{run.Tag}-fail"), string.Empty);
        Assert.Equal(1, (await RunAsync(run, "erin")).ExitCode);
        Assert.True(Directory.Exists(lockDir));
        string[] unlock =
        [
            "unlock",
            "-i",
            lab.InventoryPath,
            "--name",
            $"certs-{run.Tag}",
            "--on",
            "role=etcd",
            "--dir",
            Path.Combine(home, $"{run.Tag}-locks"),
        ];

        var asked = await CliRunner.RunAsync(unlock, run.Environment);
        Assert.Equal(2, asked.ExitCode);
        Assert.Contains(
            $"error: lock certs-{run.Tag} not removed: there is no terminal to confirm on; check that its run is gone, "
                + "then give --force to remove it\n",
            asked.Stderr,
            StringComparison.Ordinal
        );
        Assert.True(Directory.Exists(lockDir));

        var forced = await CliRunner.RunAsync([.. unlock, "--force"], run.Environment);
        Assert.True(forced.ExitCode == 0, forced.Stdout + forced.Stderr);
        Assert.Contains(
            $"lock certs-{run.Tag} on etcd-1 ({lockDir}): held by run ",
            forced.Stdout,
            StringComparison.Ordinal
        );
        Assert.Contains($"removed lock certs-{run.Tag} on etcd-1\n", forced.Stdout, StringComparison.Ordinal);
        Assert.False(Directory.Exists(lockDir));
    }

    [Fact]
    public async Task A_lock_directory_that_cannot_be_made_is_a_clear_error_and_nothing_runs()
    {
        using var run = new LabRun(
            lab,
            """
            runbook: unlockable
            lock: { on: any(role=etcd), name: certs, dir: /proc/runbook-locks }
            phases:
              - name: rolling
                hosts: role=etcd
                steps:
                  - { name: work, run: "echo ran >> ~/TAG-log" }
            """
        );

        var result = await RunAsync(run, "erin");

        Assert.Equal(2, result.ExitCode);
        Assert.Matches(
            @"error: cluster lock 'certs' on etcd-1 \(/proc/runbook-locks/certs\): cannot create /proc/runbook-locks: "
                + @"mkdir: .*\n",
            result.Stderr
        );
        Assert.Null(run.HostFile("etcd-1", "log"));
    }

    private static Task<CliResult> RunAsync(LabRun run, string approver, params string[] extra) =>
        CliRunner.RunAsync(
            ["run", run.RunbookPath, "-i", run.Lab.InventoryPath, "--no-live", "--events", run.EventsPath, .. extra],
            new Dictionary<string, string>
            {
                ["RUNBOOK_STATE_DIR"] = run.StateDirectory,
                ["RUNBOOK_APPROVER"] = approver,
            }
        );
}
