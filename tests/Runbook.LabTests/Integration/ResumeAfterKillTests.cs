using System.Text.Json;
using Runbook.Tests.Support;

namespace Runbook.Tests.Integration;

/// <summary>
/// Kills the engine process with SIGKILL in the middle of a batch, resumes the run, and checks on the hosts that every
/// step the journal recorded as completed ran exactly once, and that the rollout then finished.
/// </summary>
[Collection(LabCollection.Name)]
public sealed class ResumeAfterKillTests(LabFixture lab)
{
    private static readonly string[] Hosts = ["etcd-1", "cp-1", "worker-1"];
    private static readonly string[] Steps = ["s1", "s2", "s3"];

    [Fact]
    public async Task A_run_killed_mid_batch_resumes_without_repeating_completed_steps()
    {
        using var run = new LabRun(
            lab,
            """
            runbook: resumable
            phases:
              - name: rolling
                hosts: role in (etcd, control-plane, worker)
                serial: 1
                steps:
                  - { name: s1, run: "echo s1 >> ~/TAG-log" }
                  - { name: s2, run: "sleep 1; echo s2 >> ~/TAG-log" }
                  - { name: s3, run: "echo s3 >> ~/TAG-log" }
            """
        );

        using (var engine = run.Start())
        {
            // Wait until the journal shows the second batch under way (cp-1 finished s1, so it is in s2's sleep), then kill -9.
            var deadline = DateTime.UtcNow.AddSeconds(60);
            while (!Directory.Exists(run.StateDirectory) || !Completed(run.Journal).Contains(("cp-1", "s1")))
            {
                Assert.True(DateTime.UtcNow < deadline, "the second batch never started");
                Assert.False(engine.HasExited, "the engine exited before it could be killed");
                await Task.Delay(20);
            }

            engine.Kill();
            await engine.WaitForExitAsync();
        }

        var completed = Completed(run.Journal);
        Assert.Contains(("etcd-1", "s3"), completed);
        Assert.Contains(("cp-1", "s1"), completed);
        Assert.DoesNotContain(("worker-1", "s1"), completed);

        var resumed = await run.RunAsync("--resume", "last");
        Assert.True(resumed.ExitCode == 0, resumed.Stdout + resumed.Stderr);

        foreach (var host in Hosts)
        {
            var log = run.HostFile(host, "log")!.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            foreach (var step in Steps)
            {
                var times = log.Count(l => l == step);
                if (completed.Contains((host, step)))
                    Assert.True(times == 1, $"{host} ran completed step {step} {times} times");
                else
                    Assert.True(times >= 1, $"{host} never ran {step} after the resume");
            }
        }
    }

    /// <summary>(host, step name) of every step-done record with status ok in the journal.</summary>
    private static HashSet<(string, string)> Completed(string journal)
    {
        var done = new HashSet<(string, string)>();
        foreach (var line in journal.Split('\n'))
        {
            if (!line.StartsWith('{') || !line.Contains("\"step-done\"", StringComparison.Ordinal))
                continue;
            JsonElement e;
            try
            {
                e = JsonDocument.Parse(line).RootElement;
            }
            catch (JsonException)
            {
                continue; // a torn last line, cut by the kill
            }

            if (e.GetProperty("status").GetString() == "ok")
                done.Add((e.GetProperty("host").GetString()!, e.GetProperty("name").GetString()!));
        }

        return done;
    }
}
