using System.Diagnostics;
using Runbook.Tests.Support;

namespace Runbook.Tests.Integration;

/// <summary>
/// Two real engine processes start the same runbook against the same inventory from one run store: the second is
/// refused (exit 2, naming the first run and its pid) and nothing of it runs on the hosts.
/// </summary>
[Collection(LabCollection.Name)]
public sealed class ConcurrentRunTests(LabFixture lab)
{
    [Fact]
    public async Task A_second_engine_process_is_refused_while_the_first_runs_the_same_runbook()
    {
        using var run = new LabRun(
            lab,
            """
            runbook: one-at-a-time
            phases:
              - name: all
                hosts: role in (etcd, control-plane, worker)
                steps:
                  - name: slow
                    run: >-
                      echo start >> ~/TAG-log; n=0; while [ ! -e ~/TAG-go ] && [ $n -lt 600 ]; do sleep 0.1;
                      n=$((n+1)); done; echo end >> ~/TAG-log
            """
        );

        // The first run's step waits until the test says go (at most a minute), not a fixed time: under load the
        // second process once took longer to start than a 4-second step, found the first finished and ran.
        using var first = run.Start();
        await run.WaitForEventAsync(first, "\"step-started\"");
        var id = Path.GetFileName(Directory.GetDirectories(Path.Combine(run.StateDirectory, "runs")).Single());
        var (exit, stderr) = await SecondAsync(run);
        foreach (var host in run.Lab.State.Hosts)
            await File.WriteAllTextAsync(Path.Combine(host.Home, $"{run.Tag}-go"), "go");
        await first.WaitForExitAsync();

        Assert.Equal(2, exit);
        Assert.Contains(
            $"run {id} of this runbook and inventory is going on in another process (pid {first.Id})",
            stderr
        );
        Assert.Contains("--allow-concurrent", stderr);
        Assert.Equal(0, first.ExitCode);
        Assert.Single(Directory.GetDirectories(Path.Combine(run.StateDirectory, "runs")));
        foreach (var host in new[] { "etcd-1", "cp-1", "worker-1" })
            Assert.Equal("start\nend\n", run.HostFile(host, "log"));
    }

    /// <summary>Runs the CLI as a second process on the same runbook, inventory and run store.</summary>
    private static async Task<(int Exit, string Stderr)> SecondAsync(LabRun run)
    {
        var start = new ProcessStartInfo(Path.Combine(AppContext.BaseDirectory, "runbook"))
        {
            WorkingDirectory = RepoRoot.Path,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { "run", run.RunbookPath, "-i", run.Lab.InventoryPath, "--no-live" })
            start.ArgumentList.Add(arg);
        start.Environment["RUNBOOK_STATE_DIR"] = run.StateDirectory;
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = await process.StandardError.ReadToEndAsync();
        await stdout;
        await process.WaitForExitAsync();
        return (process.ExitCode, stderr);
    }
}
