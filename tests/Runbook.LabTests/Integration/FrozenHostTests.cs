using System.Diagnostics;
using Runbook.Tests.Support;

namespace Runbook.Tests.Integration;

/// <summary>
/// A host whose sshd processes are stopped (SIGSTOP) in the middle of a step without a timeout of its own: the run's
/// default step timeout ends it within bounded time, reported as timed out, in words.
/// </summary>
[Collection(LabCollection.Name)]
public sealed class FrozenHostTests(LabFixture lab)
{
    [Fact]
    public async Task A_step_without_a_timeout_on_a_frozen_host_ends_timed_out_under_the_default_timeout()
    {
        using var run = new LabRun(
            lab,
            """
            runbook: frozen
            phases:
              - name: one
                hosts: name=worker-1
                steps:
                  - { name: Wait on the host, run: "echo up > ~/TAG-started; sleep 60" }
            """
        );
        var sshd = lab.State.Hosts.Single(h => h.Name == "worker-1").Pid;

        using var engine = Start(run, "--default-timeout", "3s");
        var stdout = engine.StandardOutput.ReadToEndAsync();
        var stderr = engine.StandardError.ReadToEndAsync();
        var deadline = DateTime.UtcNow.AddSeconds(60);
        // Frozen once the command runs on the host: the freeze is mid-step, not before the command was sent.
        while (run.HostFile("worker-1", "started") is null)
        {
            Assert.True(DateTime.UtcNow < deadline, "the step never started");
            if (engine.HasExited)
                Assert.Fail("the engine exited early: " + await stdout + await stderr);
            await Task.Delay(20);
        }

        var frozen = SshdProcesses(sshd);
        var watch = Stopwatch.StartNew();
        try
        {
            Signal("STOP", frozen);
            using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            await engine.WaitForExitAsync(limit.Token);
        }
        finally
        {
            Signal("CONT", frozen);
        }

        var output = await stdout + await stderr;
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(40), $"the run took {watch.Elapsed} after the freeze");
        Assert.Equal(1, engine.ExitCode);
        var why = "timed-out after 3s (the run's default timeout for a step without one)";
        Assert.True(output.Contains("Wait on the host: timed-out", StringComparison.Ordinal), output);
        Assert.True(output.Contains(why[10..], StringComparison.Ordinal), output);
        Assert.DoesNotContain("Exception", output);
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

    /// <summary>The host's sshd and every sshd process under it (the sessions), not the commands they run.</summary>
    private static List<int> SshdProcesses(int root)
    {
        var parents = new Dictionary<int, int>();
        var names = new Dictionary<int, string>();
        foreach (var dir in Directory.GetDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid))
                continue;
            try
            {
                var stat = File.ReadAllText(Path.Combine(dir, "stat"));
                var close = stat.LastIndexOf(')');
                names[pid] = stat[(stat.IndexOf('(') + 1)..close];
                parents[pid] = int.Parse(
                    stat[(close + 2)..].Split(' ')[1],
                    System.Globalization.CultureInfo.InvariantCulture
                );
            }
            catch (IOException)
            {
                // the process ended meanwhile
            }
        }

        var found = new List<int> { root };
        for (var i = 0; i < found.Count; i++)
            found.AddRange(parents.Where(p => p.Value == found[i]).Select(p => p.Key));
        return found.Where(p => names.GetValueOrDefault(p, "").StartsWith("sshd", StringComparison.Ordinal)).ToList();
    }

    private static void Signal(string signal, IEnumerable<int> pids)
    {
        using var kill = Process.Start(
            "kill",
            ["-" + signal, .. pids.Select(p => p.ToString(System.Globalization.CultureInfo.InvariantCulture))]
        );
        kill.WaitForExit();
    }
}
