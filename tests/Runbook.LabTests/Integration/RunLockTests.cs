using Runbook.Tests.Support;

namespace Runbook.Tests.Integration;

/// <summary>
/// A run belongs to one engine process at a time: resuming a run that is still going (a CI retry while the first job
/// still runs) is refused, instead of running every step a second time beside it.
/// </summary>
[Collection(LabCollection.Name)]
public sealed class RunLockTests(LabFixture lab)
{
    [Fact]
    public async Task Resuming_a_run_another_process_is_still_running_is_refused_and_runs_nothing()
    {
        using var run = new LabRun(
            lab,
            """
            runbook: held
            phases:
              - name: rolling
                hosts: role in (etcd, worker)
                serial: 1
                steps:
                  - { name: slow, run: "echo slow >> ~/TAG-log; sleep 2" }
            """
        );

        CliResult second;
        using (var engine = run.Start())
        {
            await run.WaitForEventAsync(engine, "\"event\":\"step-started\"");

            second = await run.RunAsync("--resume", "last");
            await engine.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(1));
            Assert.Equal(0, engine.ExitCode);
        }

        Assert.Equal(2, second.ExitCode);
        Assert.Matches(
            @"^error: run \S+ is going on in another process \(pid \d+\); wait for it to end, or stop it, before "
                + "resuming\n$",
            second.Stderr
        );
        Assert.Equal("slow\n", run.HostFile("etcd-1", "log"));
        Assert.Equal("slow\n", run.HostFile("worker-1", "log"));

        var afterwards = await run.RunAsync("--resume", "last");
        Assert.True(afterwards.ExitCode == 0, afterwards.Stdout + afterwards.Stderr);
        Assert.Equal("slow\n", run.HostFile("etcd-1", "log"));
    }
}
