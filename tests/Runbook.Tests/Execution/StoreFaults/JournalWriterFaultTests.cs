using System.Text.Json;
using Runbook.Execution;
using Runbook.Transport;

namespace Runbook.Tests.Execution.StoreFaults;

/// <summary>
/// The journal writer on a disk that fills: it never keeps half a line, says which file failed and why in words, keeps
/// writing the records of running steps into its reserve, and says when the run's end is lost too.
/// </summary>
public sealed class JournalWriterFaultTests
{
    private const string Path = "/state/runs/x/journal.ndjson";

    private static StepFinished Done(string step, string host = "node-1") =>
        new StepFinished(1, "p1.b1", host, step, step, StepStatus.Ok);

    private static StepOutput Output(string step, string text) =>
        new StepOutput(1, "p1.b1", "node-1", step, OutputStream.Stdout, text);

    private static string[] Lines(FullDiskStream file) => file.Text.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    [Fact]
    public void A_write_that_fills_the_disk_is_cut_off_whole_and_named_in_words()
    {
        var file = new FullDiskStream(room: 10_000);
        using var writer = new JournalWriter(file, Path, reserve: null);
        writer.OnEvent(new RunStarted("rb", "r1", false));
        writer.OnEvent(Done("p1.b1.s1"));
        file.Room = file.Length + 40; // the next record does not fit: half of it reaches the disk

        var ex = Assert.Throws<StoreWriteException>(() => writer.OnEvent(Done("p1.b1.s2")));

        Assert.Equal(Path, ex.Fault.Path);
        Assert.Equal("no space left on device", ex.Fault.Why);
        Assert.False(ex.Fault.Final);
        Assert.Equal($"writing {Path} failed: no space left on device", ex.Fault.ToString());
        Assert.EndsWith("\n", file.Text, StringComparison.Ordinal);
        Assert.All(Lines(file), l => JsonDocument.Parse(l).Dispose());
        Assert.Equal(["p1.b1.s1"], ResumeState.FromJournal(Lines(file)).CompletedSteps);
    }

    [Fact]
    public void After_room_is_made_the_runs_end_is_recorded_and_when_there_is_none_that_is_said()
    {
        var file = new FullDiskStream(room: 100_000);
        using var writer = new JournalWriter(file, Path, reserve: null);
        writer.OnEvent(new RunStarted("rb", "r1", false));
        file.Room = file.Length + 10;
        Assert.Throws<StoreWriteException>(() => writer.OnEvent(Done("p1.b1.s1")));

        // A later record of a running step is lost without another message; the run's end says it is lost.
        writer.OnEvent(Done("p1.b1.s2"));
        var final = Assert.Throws<StoreWriteException>(() =>
            writer.OnEvent(new RunFinished("rb", RunOutcome.StoreFailed, TimeSpan.Zero))
        );
        Assert.True(final.Fault.Final);

        file.Room = 100_000;
        writer.OnEvent(new RunFinished("rb", RunOutcome.StoreFailed, TimeSpan.Zero));
        Assert.Contains(
            "\"record\":\"run-done\",\"outcome\":\"store-failed\"",
            Lines(file)[^1],
            StringComparison.Ordinal
        );
        Assert.All(Lines(file), l => JsonDocument.Parse(l).Dispose());
    }

    [Fact]
    public void The_reserve_keeps_the_records_of_running_steps_when_the_disk_fills_and_drops_their_output()
    {
        var file = new FullDiskStream(room: long.MaxValue);
        var full = false;
        var reservations = 0;
        using var writer = new JournalWriter(
            file,
            Path,
            (_, _) =>
            {
                if (full)
                    return 28;
                reservations++;
                return 0;
            }
        );
        writer.OnEvent(new RunStarted("rb", "r1", false));

        // The disk fills; the reserve runs low once output past half of it has been written.
        full = true;
        var big = new string('x', JournalWriter.Reserve / 2 + 10);
        var ex = Assert.Throws<StoreWriteException>(() => writer.OnEvent(Output("p1.b1.s1", big)));
        Assert.Equal("no space left on device", ex.Fault.Why);
        writer.OnEvent(Done("p1.b1.s1"));

        // Written anyway: the step that was running finished, and its record is what resume reads.
        writer.OnEvent(Output("p1.b1.s2", "lost"));
        writer.OnEvent(Done("p1.b1.s2", "node-2"));
        Assert.Equal(["p1.b1.s1", "p1.b1.s2"], ResumeState.FromJournal(Lines(file)).CompletedSteps.Order());
        Assert.DoesNotContain("\"lost\"", file.Text, StringComparison.Ordinal);
        Assert.Equal(1, reservations);
    }

    [Fact]
    public void A_disk_without_room_for_the_reserve_refuses_the_run_before_it_starts()
    {
        var ex = Assert.Throws<IOException>(() => new JournalWriter(new FullDiskStream(1000), Path, (_, _) => 28));
        Assert.Equal("no space left on device", StoreFault.Describe(ex));
    }

    [Fact]
    public void A_torn_last_line_is_ended_before_a_resume_appends_so_both_attempts_stay_readable()
    {
        var dir = Directory.CreateTempSubdirectory("runbook-journal-");
        try
        {
            var journal = System.IO.Path.Combine(dir.FullName, "journal.ndjson");
            File.WriteAllText(
                journal,
                "{\"record\":\"step-done\",\"id\":\"p1.b1.s1\",\"host\":\"node-1\",\"status\":\"ok\"}\n"
                    + "{\"record\":\"step-done\",\"id\":\"p1.b1.s2\",\"ho"
            );
            using (var writer = new JournalWriter(journal))
                writer.OnEvent(Done("p1.b1.s3"));

            var lines = File.ReadAllLines(journal);
            Assert.Equal(3, lines.Length);
            Assert.Equal(["p1.b1.s1", "p1.b1.s3"], ResumeState.FromJournal(lines).CompletedSteps.Order());
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }
}
