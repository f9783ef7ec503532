using System.Globalization;
using Runbook.Tests.Support;
using Xunit.Abstractions;

namespace Runbook.Tests.Integration;

/// <summary>
/// A SIGKILLed engine leaves its step's command running on the host (the SSH connection drops, the command does not).
/// The run, resumed at once, must not start that step again while the first copy runs: it waits for it and says so,
/// or, with --kill-stale, kills it first. The step logs its start and end times to a file on the host.
/// </summary>
[Collection(LabCollection.Name)]
public sealed class StaleCommandTests(LabFixture lab, ITestOutputHelper output)
{
    private const string Host = "etcd-1";

    private const string Runbook = """
        runbook: stale-commands
        phases:
          - name: slow
            hosts: name=etcd-1
            steps:
              - name: slow
                run: "echo start $(date +%s.%N) >> ~/TAG-log; sleep 15; echo end $(date +%s.%N) >> ~/TAG-log"
        """;

    [Fact]
    public async Task A_resumed_run_waits_for_the_killed_runs_command_before_running_its_step_again()
    {
        using var run = new LabRun(lab, Runbook);
        await KillMidStepAsync(run);

        var resumed = await run.RunAsync("--resume", "last");
        Assert.True(resumed.ExitCode == 0, resumed.Stdout + resumed.Stderr);
        Show(run, resumed);

        // Two copies ran, one after the other: the second started after the first ended.
        var (starts, ends) = Log(run);
        Assert.Equal(2, starts.Count);
        Assert.Equal(2, ends.Count);
        Assert.True(starts[1] >= ends[0], $"the step ran twice at once: {run.HostFile(Host, "log")}");

        // The wait was shown: a line, an event and a journal record naming the host, the step and the pid.
        Assert.Contains($"[{Host}] step p1.b1.{Host}.s1 of the run's earlier attempt still runs (pid ", resumed.Stdout);
        Assert.Contains("waiting for it to end", resumed.Stdout, StringComparison.Ordinal);
        Assert.Contains("ended after", resumed.Stdout, StringComparison.Ordinal);
        var found = Assert.Single(Lines(run.Events, "\"event\":\"stale-command\""));
        Assert.Contains($"\"host\":\"{Host}\"", found, StringComparison.Ordinal);
        Assert.Contains("\"pid\":", found, StringComparison.Ordinal);
        Assert.Single(Lines(run.Events, "\"event\":\"stale-command-gone\""));
        var record = Assert.Single(Lines(run.Journal, "\"record\":\"stale-command\""));
        Assert.Contains("\"action\":\"wait\"", record, StringComparison.Ordinal);
        Assert.Contains("\"how\":\"ended\"", Assert.Single(Lines(run.Journal, "\"record\":\"stale-command-gone\"")));

        // The run succeeded: no process of it is left, and it wrote nothing in the host's home to find them by.
        Assert.Empty(run.Leftovers());
        Assert.False(Directory.Exists(MarkerRoot), MarkerRoot);
    }

    [Fact]
    public async Task A_resumed_run_with_kill_stale_kills_the_killed_runs_command_before_running_its_step_again()
    {
        using var run = new LabRun(lab, Runbook);
        await KillMidStepAsync(run);

        var resumed = await run.RunAsync("--resume", "last", "--kill-stale");
        Assert.True(resumed.ExitCode == 0, resumed.Stdout + resumed.Stderr);
        Show(run, resumed);

        // The first copy never ended (killed), the second did.
        var (starts, ends) = Log(run);
        Assert.Equal(2, starts.Count);
        Assert.True(
            ends.Count == 1 && ends[0] > starts[1],
            $"the first copy was not killed: {run.HostFile(Host, "log")}"
        );
        Assert.Contains("killing it (TERM, then KILL", resumed.Stdout, StringComparison.Ordinal);
        Assert.Contains("killed, after", resumed.Stdout, StringComparison.Ordinal);
        Assert.Contains("\"action\":\"kill\"", Assert.Single(Lines(run.Journal, "\"record\":\"stale-command\"")));

        // (Had it gone on, it would have ended before the second copy, which started later and sleeps as long.)
        Assert.Empty(run.Leftovers());
    }

    /// <summary>Starts the engine as a process, waits until the step runs on the host, then SIGKILLs it.</summary>
    private static async Task KillMidStepAsync(LabRun run)
    {
        using var engine = run.Start();
        var deadline = DateTime.UtcNow.AddSeconds(120);
        while (Log(run).Starts.Count == 0)
        {
            Assert.True(DateTime.UtcNow < deadline, "the step never started: " + run.Events);
            Assert.False(engine.HasExited, "the engine exited before it could be killed: " + run.Events);
            await Task.Delay(20);
        }

        engine.Kill();
        await engine.WaitForExitAsync();
        Assert.Empty(Log(run).Ends); // the first copy still runs as the run resumes
    }

    private static (List<decimal> Starts, List<decimal> Ends) Log(LabRun run)
    {
        var lines = (run.HostFile(Host, "log") ?? string.Empty).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        List<decimal> Times(string word) =>
            [
                .. lines
                    .Where(l => l.StartsWith(word + " ", StringComparison.Ordinal))
                    .Select(l => decimal.Parse(l[(word.Length + 1)..], CultureInfo.InvariantCulture)),
            ];
        return (Times("start"), Times("end"));
    }

    /// <summary>
    /// The resumed run's stale-command lines and the host's log, for whoever reads the test's output.
    /// </summary>
    private void Show(LabRun run, CliResult resumed)
    {
        foreach (var line in resumed.Stdout.Split('\n').Where(l => l.Contains("(pid ", StringComparison.Ordinal)))
            output.WriteLine(line);
        output.WriteLine(run.HostFile(Host, "log"));
    }

    private static IEnumerable<string> Lines(string text, string part) =>
        text.Split('\n').Where(l => l.Contains(part, StringComparison.Ordinal));

    /// <summary>Where the engine once kept pid files on the lab host (its home is the host's own directory).</summary>
    private string MarkerRoot => Path.Combine(lab.State.Hosts.Single(h => h.Name == Host).Home, ".cache", "runbook");
}
