using System.Text.Json;
using Runbook.Tests.Support;

namespace Runbook.Tests.Integration.StoreFaults;

/// <summary>
/// The run store on a small tmpfs, on the lab fleet: a disk that fills in the middle of a run stops it (exit 6, the
/// journal named with "no space left on device", nothing new started, the journal ended with run-done), and the resume
/// after making room runs every step exactly once in all; a read-only store and <c>--events /dev/full</c> are refused
/// (exit 2) before any host is touched.
/// </summary>
[Collection(LabCollection.Name)]
public sealed class FullDiskOnLabTests(LabFixture lab)
{
    private static readonly string[] Hosts = ["etcd-1", "cp-1", "worker-1"];

    private const string Steps = """
                    - { name: s1, run: "echo s1 >> ~/TAG-log" }
                    - name: s2
                      run: |
                        echo s2 >> ~/TAG-log
                        if [ {{ host.name }} = cp-1 ]; then dd if=/dev/zero of=FILL bs=64k 2>/dev/null; seq 1 300; fi
                    - { name: s3, run: "echo s3 >> ~/TAG-log" }
        """;

    private static string Runbook(string fill) =>
        $"""
            runbook: fills-the-disk
            phases:
              - name: rolling
                hosts: role in (etcd, control-plane, worker)
                serial: 1
                steps:
            {Steps.Replace("FILL", fill, StringComparison.Ordinal)}
            """;

    [Fact]
    public async Task A_disk_that_fills_mid_run_stops_it_in_words_and_the_resume_repeats_no_completed_step()
    {
        using var run = new LabRun(lab, Runbook("/nonexistent"));
        var fill = Path.Combine(run.StateDirectory, "filler");
        File.WriteAllText(run.RunbookPath, File.ReadAllText(run.RunbookPath).Replace("/nonexistent", fill));
        using var disk = new TmpfsMount(run.StateDirectory, "size=2m,mode=1777");

        var stopped = await run.RunAsync();

        Assert.True(stopped.ExitCode == 6, stopped.Stdout + stopped.Stderr);
        var journal = Directory.GetFiles(run.StateDirectory, "journal.ndjson", SearchOption.AllDirectories).Single();
        Assert.Contains($"error: writing {journal} failed: no space left on device\n", stopped.Stderr);
        Assert.Contains("(store-failed, exit 6)", stopped.Stderr);
        Assert.Contains("--resume", stopped.Stderr);
        Assert.DoesNotContain("internal error", stopped.Stderr);
        Assert.DoesNotContain("   at ", stopped.Stderr);

        // Nothing new started once the disk was full: cp-1's s3 and worker-1's batch did not run. The journal has
        // every step that completed, and the run's end.
        Assert.Equal("s1\ns2\n", run.HostFile("cp-1", "log"));
        Assert.Null(run.HostFile("worker-1", "log"));
        var lines = File.ReadAllLines(journal);
        Assert.All(lines, l => JsonDocument.Parse(l).Dispose());
        Assert.Contains("\"record\":\"run-done\",\"outcome\":\"store-failed\"", lines[^1]);
        Assert.Contains(
            lines,
            l =>
                l.Contains("\"step-done\"", StringComparison.Ordinal)
                && l.Contains("\"host\":\"cp-1\",\"name\":\"s2\",\"status\":\"ok\"", StringComparison.Ordinal)
        );
        Assert.Contains("\"event\":\"run-finished\"", run.Events);

        // Room made: the resume finishes the rollout, and no step ran twice anywhere.
        File.Delete(fill);
        var resumed = await run.RunAsync("--resume", "last");
        Assert.True(resumed.ExitCode == 0, resumed.Stdout + resumed.Stderr);
        foreach (var host in Hosts)
            Assert.Equal("s1\ns2\ns3\n", run.HostFile(host, "log"));
    }

    [Fact]
    public async Task A_read_only_run_store_is_refused_before_any_host_is_touched()
    {
        using var run = new LabRun(lab, Runbook("/nonexistent"));
        using var disk = new TmpfsMount(run.StateDirectory, "ro,size=1m");

        var refused = await run.RunAsync();

        Assert.True(refused.ExitCode == 2, refused.Stdout + refused.Stderr);
        Assert.Contains(
            $"error: the run store {run.StateDirectory} cannot be written: read-only file system; nothing ran "
                + "(RUNBOOK_STATE_DIR chooses where runs are kept)\n",
            refused.Stderr
        );
        Assert.All(Hosts, h => Assert.Null(run.HostFile(h, "log")));
    }

    [Fact]
    public async Task Events_to_dev_full_end_the_run_before_any_host_is_touched()
    {
        using var run = new LabRun(lab, Runbook("/nonexistent"));

        var refused = await CliRunner.RunAsync(
            ["run", run.RunbookPath, "-i", lab.InventoryPath, "--no-live", "--events", "/dev/full"],
            run.Environment
        );

        Assert.True(refused.ExitCode == 2, refused.Stdout + refused.Stderr);
        Assert.Contains("error: writing /dev/full failed: no space left on device\n", refused.Stderr);
        Assert.Contains("nothing ran (exit 2)", refused.Stderr);
        Assert.DoesNotContain("internal error", refused.Stderr);
        Assert.All(Hosts, h => Assert.Null(run.HostFile(h, "log")));
    }
}
