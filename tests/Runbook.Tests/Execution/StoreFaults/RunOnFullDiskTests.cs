using Runbook.Execution;
using Runbook.Tests.Execution.Fakes;

namespace Runbook.Tests.Execution.StoreFaults;

/// <summary>
/// A run whose events (or journal) cannot be written: nothing new starts after the failed write, the steps already
/// running finish, the run ends store-failed (exit 6) naming the file, and a resume repeats no completed step. A write
/// that fails at the run's first record ends it before any host is touched (store-unwritable, exit 2).
/// </summary>
public sealed class RunOnFullDiskTests : IDisposable
{
    private const string Yaml = """
        runbook: fills-the-disk
        phases:
          - name: nodes
            hosts: role=node
            steps:
              - { name: one, run: step-one }
              - { name: two, run: step-two }
              - { name: three, run: step-three }
        """;

    private readonly string _state = Directory.CreateTempSubdirectory("runbook-full-disk-").FullName;

    public void Dispose() => Directory.Delete(_state, recursive: true);

    private async Task<(RunResult Run, RecordingObserver Seen)> RunAsync(
        FakeTransport transport,
        TextWriter? events,
        string? resume = null
    )
    {
        var graph = ExecutorHarness.Compile(Yaml, ExecutorHarness.Hosts(3));
        var seen = new RecordingObserver();
        var settings = new RunSettings
        {
            Transport = _ => transport,
            Forks = 3,
            StateDirectory = _state,
            Resume = resume,
            Observers = _ => events is null ? [seen] : [seen, new NdjsonEventWriter(events, "events.ndjson")],
        };
        return (await RunbookEngine.RunAsync(graph, settings), seen);
    }

    [Fact]
    public async Task Nothing_starts_after_a_failed_write_running_steps_finish_and_a_resume_repeats_none()
    {
        // The disk fills as node-1 finishes its first step; node-2 and node-3 are then in the middle of theirs.
        var transport = new FakeTransport { Latency = TimeSpan.FromMilliseconds(30) };
        var events = new FullDiskWriter(l => l.Contains("\"step-finished\"", StringComparison.Ordinal));

        var (run, seen) = await RunAsync(transport, events);

        Assert.Equal(RunOutcome.StoreFailed, run.Outcome);
        Assert.Equal(6, RunOutcomes.ExitCode(run.Outcome));
        var fault = Assert.Single(run.StoreFaults);
        Assert.Equal(("events.ndjson", "no space left on device", false), (fault.Path, fault.Why, fault.Final));

        // Every step that started finished (and is in the summary's events); none started after the failed write.
        var all = seen.Events.ToList();
        var failedAt = all.FindIndex(e => e is StepFinished);
        Assert.DoesNotContain(all.Skip(failedAt + 1), e => e is StepStarted);
        var started = all.OfType<StepStarted>().Select(s => (s.Host, s.Step)).ToHashSet();
        Assert.Equal(started, all.OfType<StepFinished>().Select(s => (s.Host, s.Step)).ToHashSet());
        Assert.Empty(transport.Ran("step-two"));
        Assert.Equal(RunOutcome.StoreFailed, seen.Events.OfType<RunFinished>().Single().Outcome);

        // The journal (on a disk with room) has every completed step: the resume runs each step once in all.
        var (resumed, _) = await RunAsync(transport, events: null, resume: run.Id);
        Assert.Equal(RunOutcome.Succeeded, resumed.Outcome);
        foreach (var step in new[] { "step-one", "step-two", "step-three" })
        {
            Assert.All(transport.Ran(step).GroupBy(e => e.Host), host => Assert.Single(host));
            Assert.Equal(3, transport.Ran(step).Count());
        }
    }

    [Fact]
    public async Task An_events_file_that_takes_nothing_ends_the_run_before_any_host_is_touched()
    {
        var transport = new FakeTransport();
        var events = new FullDiskWriter(_ => true); // /dev/full

        var (run, seen) = await RunAsync(transport, events);

        Assert.Equal(RunOutcome.StoreUnwritable, run.Outcome);
        Assert.Equal(2, RunOutcomes.ExitCode(run.Outcome));
        Assert.Equal("events.ndjson", Assert.Single(run.StoreFaults).Path);
        Assert.Empty(transport.Connects);
        Assert.Empty(transport.Executions);
        Assert.DoesNotContain(seen.Events, e => e is StepStarted);
    }
}
