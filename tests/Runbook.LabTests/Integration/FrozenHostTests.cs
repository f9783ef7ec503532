using System.Diagnostics;
using Runbook.Tests.Support;

namespace Runbook.Tests.Integration;

/// <summary>
/// No run hangs on a frozen host: the host's sshd processes are stopped (SIGSTOP) before the run, in the middle of a
/// step, or during a gate's check, and the real CLI must end within a bound, report what happened in words (timed
/// out, or no answer), and name no exception. The bounds are generous (the machine is loaded) but each lies well
/// below what the engine took before dead-peer detection and the short local grace: 26 s for `timeout: 5s`, 31 s for
/// `within: 10s`, and the whole freeze for a step without a timeout.
/// </summary>
[Collection(LabCollection.Name)]
public sealed class FrozenHostTests(LabFixture lab)
{
    private int WorkerSshd => lab.State.Hosts.Single(h => h.Name == "worker-1").Pid;

    [Fact]
    public async Task A_step_without_a_timeout_on_a_frozen_host_ends_timed_out_under_the_default_timeout()
    {
        using var run = new LabRun(
            lab,
            OneStep("{ name: Wait on the host, run: \"echo up > ~/TAG-started; sleep 60\" }")
        );

        var (elapsed, exit, output) = await FreezeMidStepAsync(run, "--default-timeout", "3s");

        Assert.True(elapsed < TimeSpan.FromSeconds(40), $"the run took {elapsed} after the freeze");
        Assert.Equal(1, exit);
        Assert.Contains("Wait on the host: timed-out", output, StringComparison.Ordinal);
        Assert.Contains(
            "timed out after 3s (the run's default timeout for a step without one)",
            output,
            StringComparison.Ordinal
        );
        Assert.DoesNotContain("Exception", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_step_without_a_timeout_under_the_long_default_ends_when_the_keepalives_go_unanswered()
    {
        using var run = new LabRun(
            lab,
            OneStep("{ name: Wait on the host, run: \"echo up > ~/TAG-started; sleep 600\" }")
        );
        // Keepalives every second, 3 unanswered: dead after 3-4 s (the default, 10 s x 3, is asserted by a unit test).
        var config = SshConfig(run, "Host *\n  ServerAliveInterval 1\n  ServerAliveCountMax 3\n");

        var (elapsed, exit, output) = await FreezeMidStepAsync(run, "--ssh-config", config);

        Assert.True(elapsed < TimeSpan.FromSeconds(30), $"the run took {elapsed} after the freeze");
        Assert.Equal(3, exit);
        Assert.Contains("Wait on the host: unreachable", output, StringComparison.Ordinal);
        Assert.Contains(
            "no answer from worker-1 for 3 s (3 keepalives unanswered); the host or its sshd is frozen",
            output,
            StringComparison.Ordinal
        );
        Assert.DoesNotContain("Exception", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_steps_own_timeout_on_a_frozen_host_ends_it_timed_out_within_seconds_of_the_timeout()
    {
        using var run = new LabRun(
            lab,
            OneStep("{ name: Wait on the host, run: \"echo up > ~/TAG-started; sleep 60\", timeout: 5s }")
        );

        var (elapsed, exit, output) = await FreezeMidStepAsync(run);

        // 5 s, then 2 s for the host's own timeout to show, then 2 s for a keepalive's answer: about 9 s.
        Assert.True(elapsed < TimeSpan.FromSeconds(18), $"the run took {elapsed} after the freeze");
        Assert.Equal(1, exit);
        Assert.Contains("Wait on the host: timed-out", output, StringComparison.Ordinal);
        Assert.Contains(": timed out after 5s", output, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_gate_whose_check_hangs_on_a_frozen_host_ends_timed_out_within_seconds_of_within()
    {
        using var run = new LabRun(
            lab,
            """
            runbook: frozen-gate
            phases:
              - name: one
                hosts: name=worker-1
                steps:
                  - { name: Go, run: "true" }
                gates:
                  - name: Healthy
                    on: name=worker-1
                    verify: { run: "echo up > ~/TAG-started; sleep 60", every: 1s, within: 10s }
            """
        );

        var (elapsed, exit, output) = await FreezeMidStepAsync(run);

        // The check's attempt gets the time left of `within` as its timeout: about 10 + 2 + 2 s.
        Assert.True(elapsed < TimeSpan.FromSeconds(22), $"the run took {elapsed} after the freeze");
        Assert.Equal(4, exit);
        Assert.Contains("Healthy on worker-1: attempt 1 timed-out", output, StringComparison.Ordinal);
        Assert.Contains("expected exit 0 within 10s", output, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_host_whose_sshd_is_frozen_before_the_run_is_unreachable_after_the_connect_timeout()
    {
        using var run = new LabRun(lab, OneStep("{ name: Go, run: \"true\" }"));
        var config = SshConfig(run, "Host *\n  ConnectTimeout 3\n");

        Stopwatch watch;
        CliResult result;
        using (FrozenSshd.Listener(WorkerSshd))
        {
            watch = Stopwatch.StartNew();
            result = await run.RunAsync("--ssh-config", config);
        }

        var output = result.Stdout + result.Stderr;
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(30), $"the run took {watch.Elapsed}");
        Assert.Equal(3, result.ExitCode);
        Assert.Contains("preflight unreachable: connection to 127.0.0.14:", output, StringComparison.Ordinal);
        Assert.Contains("timed out after 3 s", output, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", output, StringComparison.Ordinal);
    }

    private static string OneStep(string step) =>
        $"""
            runbook: frozen
            phases:
              - name: one
                hosts: name=worker-1
                steps:
                  - {step}
            """;

    private static string SshConfig(LabRun run, string text)
    {
        var path = Path.Combine(run.Root, "ssh_config");
        File.WriteAllText(path, text);
        return path;
    }

    /// <summary>
    /// Runs the CLI and freezes worker-1's sshd once the step's command runs there (it writes TAG-started), so the
    /// freeze is mid-step, not before the command was sent; thaws it whatever happens. Returns how long the run went
    /// on after the freeze.
    /// </summary>
    private async Task<(TimeSpan Elapsed, int Exit, string Output)> FreezeMidStepAsync(
        LabRun run,
        params string[] extra
    )
    {
        using var engine = Start(run, extra);
        var stdout = engine.StandardOutput.ReadToEndAsync();
        var stderr = engine.StandardError.ReadToEndAsync();
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (run.HostFile("worker-1", "started") is null)
        {
            Assert.True(DateTime.UtcNow < deadline, "the step never started");
            if (engine.HasExited)
                Assert.Fail("the engine exited early: " + await stdout + await stderr);
            await Task.Delay(20);
        }

        var watch = Stopwatch.StartNew();
        using (FrozenSshd.All(WorkerSshd))
        {
            using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(120));
            try
            {
                await engine.WaitForExitAsync(limit.Token);
            }
            catch (OperationCanceledException)
            {
                engine.Kill(entireProcessTree: true);
                Assert.Fail($"the run still went on {watch.Elapsed} after the freeze");
            }
        }

        return (watch.Elapsed, engine.ExitCode, await stdout + await stderr);
    }

    private static Process Start(LabRun run, params string[] extra)
    {
        var start = new ProcessStartInfo(Path.Combine(AppContext.BaseDirectory, "runbook"))
        {
            WorkingDirectory = RepoRoot.Path,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        string[] args = ["run", run.RunbookPath, "-i", run.Lab.InventoryPath, "--no-live", "--events", run.EventsPath];
        foreach (var arg in args.Concat(extra))
            start.ArgumentList.Add(arg);
        start.Environment["RUNBOOK_STATE_DIR"] = run.StateDirectory;
        return Process.Start(start)!;
    }
}
