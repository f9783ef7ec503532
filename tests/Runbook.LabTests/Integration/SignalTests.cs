using System.Diagnostics;
using Runbook.Lab;
using Runbook.Tests.Support;
using Runbook.Tests.Transport;

namespace Runbook.Tests.Integration;

/// <summary>
/// SIGTERM to a real engine process on the lab fleet, as a CI runner sends it when a job is cancelled: the first
/// starts nothing new and lets the running step finish, the second aborts the running step on the host; either way
/// the run ends with exit 130 and can be resumed.
/// </summary>
[Collection(LabCollection.Name)]
public sealed class SignalTests(LabFixture lab)
{
    [Fact]
    public async Task A_first_SIGTERM_lets_the_running_step_finish_starts_nothing_new_and_exits_130()
    {
        using var run = new LabRun(
            lab,
            """
            runbook: terminated
            phases:
              - name: rolling
                hosts: role in (etcd, control-plane, worker)
                serial: 1
                steps:
                  - { name: s1, run: "echo s1 >> ~/TAG-log" }
                  - { name: s2, run: "sleep 2; echo s2 >> ~/TAG-log" }
                  - { name: s3, run: "echo s3 >> ~/TAG-log" }
            """
        );

        int exit;
        using (var engine = run.Start())
        {
            await run.WaitForEventAsync(engine, "\"event\":\"step-started\"", "\"host\":\"cp-1\"", "\"name\":\"s2\"");
            await SignalAsync(engine, "TERM");
            exit = await ExitCodeAsync(engine);
        }

        Assert.Equal(130, exit);
        Assert.Equal("s1\ns2\ns3\n", run.HostFile("etcd-1", "log"));
        Assert.Equal("s1\ns2\n", run.HostFile("cp-1", "log"));
        Assert.Null(run.HostFile("worker-1", "log"));
        Assert.Contains("\"event\":\"run-finished\"", run.Events, StringComparison.Ordinal);

        var resumed = await run.RunAsync("--resume", "last");
        Assert.True(resumed.ExitCode == 0, resumed.Stdout + resumed.Stderr);
        Assert.Equal("s1\ns2\ns3\n", run.HostFile("cp-1", "log"));
        Assert.Equal("s1\ns2\ns3\n", run.HostFile("worker-1", "log"));
    }

    [Fact]
    public async Task A_second_SIGTERM_aborts_the_running_step_and_leaves_no_process_on_the_host()
    {
        using var run = new LabRun(
            lab,
            """
            runbook: aborted
            phases:
              - name: rolling
                hosts: role in (etcd, worker)
                serial: 1
                steps:
                  - { name: long, run: "sleep 1008.5; echo done >> ~/TAG-log" }
            """
        );
        await using var etcd1 = await lab.Transport.ConnectAsync(lab.Host("etcd-1"), CancellationToken.None);

        int exit;
        using (var engine = run.Start())
        {
            await run.WaitForEventAsync(
                engine,
                "\"event\":\"step-started\"",
                "\"host\":\"etcd-1\"",
                "\"name\":\"long\""
            );
            await SignalAsync(engine, "TERM");
            await Task.Delay(500);
            await SignalAsync(engine, "TERM");
            exit = await ExitCodeAsync(engine);
        }

        Assert.Equal(130, exit);
        Assert.Equal(string.Empty, await etcd1.PgrepAsync("sleep 100[8][.]5"));
        Assert.Null(run.HostFile("etcd-1", "log"));
        Assert.Null(run.HostFile("worker-1", "log"));
    }

    private static async Task SignalAsync(Process engine, string signal)
    {
        var (exit, output) = await LabProcesses.RunAsync(
            "kill",
            [$"-{signal}", engine.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)],
            CancellationToken.None
        );
        Assert.True(exit == 0, output);
    }

    /// <summary>The exit code; the step it interrupts would run for 1,000 s, so ending within a minute is the signal at work.</summary>
    private static async Task<int> ExitCodeAsync(Process engine)
    {
        await engine.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(1));
        return engine.ExitCode;
    }
}
