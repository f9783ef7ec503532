using Runbook.Errors;
using Runbook.Execution;
using Runbook.Transport;

namespace Runbook.Tests.Execution;

/// <summary>The journal's own records: what resume reads back, and what it refuses.</summary>
public sealed class JournalRecordTests
{
    private static IEnumerable<string> Lines(params RunEvent[] events) =>
        events.Select(JournalRecord.From).OfType<JournalRecord>().Select(r => r.ToJson());

    [Fact]
    public void Resume_reads_back_the_steps_and_gates_the_journal_records_as_done()
    {
        var lines = Lines(
                new RunStarted("rb", "20261126T010203Z-ab12", false),
                new StepStarted(1, "p1.b1", "node-1", "p1.b1.node-1.s1", "Read", "read-name"),
                new StepOutput(1, "p1.b1", "node-1", "p1.b1.node-1.s1", OutputStream.Stdout, "node one"),
                new StepFinished(
                    1,
                    "p1.b1",
                    "node-1",
                    "p1.b1.node-1.s1",
                    "Read",
                    StepStatus.Ok,
                    0,
                    null,
                    TimeSpan.Zero,
                    null,
                    "name",
                    "node one"
                ),
                new StepFinished(
                    1,
                    "p1.b1",
                    "node-1",
                    "p1.b1.node-1.s2",
                    "Skip",
                    StepStatus.Skipped,
                    Why: "when: false"
                ),
                new StepFinished(1, "p1.b1", "node-2", "p1.b1.node-2.s1", "Read", StepStatus.Failed, 1, Why: "exit 1"),
                new GateFinished(1, "p1.b1", "p1.b1.g1", "healthy", StepStatus.Ok, TimeSpan.Zero, null),
                new GateFinished(1, "p1.b2", "p1.b2.g1", "healthy", StepStatus.TimedOut, TimeSpan.Zero, "expected ok"),
                new BatchFinished(1, "p1.b1", StepStatus.Failed, TimeSpan.Zero),
                new RunFinished("rb", RunOutcome.StepFailed, TimeSpan.Zero)
            )
            .ToList();

        var resume = ResumeState.FromJournal(lines);

        Assert.Equal(["p1.b1.node-1.s1", "p1.b1.node-1.s2"], resume.CompletedSteps.Order(StringComparer.Ordinal));
        Assert.Equal(["p1.b1.g1"], resume.PassedGates);
        Assert.Equal("node one", resume.Captures["node-1"]["name"]);
        Assert.Contains(
            """{"record":"step-done","id":"p1.b1.node-1.s1","host":"node-1","name":"Read","status":"ok","capture":"na"""
                + """me","captured":"node one","exit_code":0,"duration_ms":0}""",
            lines
        );
        Assert.Contains("""{"record":"run-done","outcome":"step-failed","duration_ms":0}""", lines);
    }

    [Fact]
    public void Gate_attempts_and_phase_batch_and_gate_starts_are_journaled_for_reports_and_resume_ignores_them()
    {
        var at = new DateTimeOffset(2026, 11, 26, 1, 2, 3, 456, TimeSpan.Zero);
        var lines = Lines(
                new PhaseStarted(1, "p") { Time = at },
                new BatchStarted(1, "p1.b1", ["a"]),
                new GateStarted(1, "p1.b1", "p1.b1.g1", "n", "c"),
                new GateAttempt(1, "p1.b1", "a", "p1.b1.g1", "n", StepStatus.Ok, "ok", 0, 1, TimeSpan.Zero)
            )
            .ToList();

        Assert.Equal(
            [
                """{"record":"phase-started","phase":1,"name":"p","ts":"2026-11-26T01:02:03.456Z"}""",
                """{"record":"batch-started","phase":1,"id":"p1.b1","hosts":["a"]}""",
                """{"record":"gate-started","id":"p1.b1.g1","batch":"p1.b1","name":"n","command":"c"}""",
                """{"record":"gate-attempt","id":"p1.b1.g1","host":"a","status":"ok","attempt":1,"exit_code":0,"""
                    + "\"text\":\"ok\"}",
            ],
            lines
        );
        var resume = ResumeState.FromJournal(lines);
        Assert.Empty(resume.CompletedSteps);
        Assert.Empty(resume.PassedGates);
    }

    [Fact]
    public void A_torn_last_line_is_ignored()
    {
        var done = new StepFinished(1, "p1.b1", "node-1", "p1.b1.node-1.s1", "One", StepStatus.Ok);
        var torn = new StepFinished(1, "p1.b1", "node-1", "p1.b1.node-1.s2", "Two", StepStatus.Ok);
        var line = Lines(torn).Single();

        var resume = ResumeState.FromJournal([.. Lines(done), line[..^12]]);

        Assert.Equal(["p1.b1.node-1.s1"], resume.CompletedSteps);
    }

    [Fact]
    public void A_journal_of_events_from_an_earlier_version_is_refused_saying_why()
    {
        var root = Directory.CreateTempSubdirectory("runbook-journal-");
        try
        {
            var store = new RunStore(root.FullName);
            Directory.CreateDirectory(Path.Combine(store.RunsDirectory, "r1"));
            File.WriteAllText(
                store.JournalPath("r1"),
                """{"ts":"2026-11-26T01:02:03.456Z","event":"step-finished","phase":1,"batch":"p1.b1","host":"n","ste"""
                    + """p":"p1.b1.n.s1","name":"One","status":"ok"}"""
                    + "\n"
            );

            var refused = Assert.Throws<RunRefusedException>(() => store.ReadJournal("r1"));

            Assert.Equal(RunRefusal.Unreadable, refused.Reason);
            Assert.Equal(
                "run r1 cannot be resumed: its journal was written by an earlier version, in the events format; "
                    + "start a new run",
                refused.Message
            );
        }
        finally
        {
            root.Delete(recursive: true);
        }
    }
}
