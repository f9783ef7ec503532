using Runbook.Execution;

namespace Runbook.Cli.Output;

/// <summary>The table at the end of a run, in both modes: per phase and host, step counts and time.</summary>
internal static class SummaryPrinter
{
    public static void Print(TextWriter writer, RunSummary summary, string runId)
    {
        writer.WriteLine();
        writer.WriteLine("summary");
        var rows = summary.Rows.ToList();
        var width = Math.Max(4, rows.Select(r => r.Host.Length).DefaultIfEmpty(0).Max());
        var phase = -1;
        foreach (var (number, name, host, t) in rows)
        {
            if (number != phase)
            {
                // A phase that went on past failed hosts says so: its rows alone do not tell it from a clean one.
                var tolerated =
                    summary.PhaseStatus(number) == StepStatus.Tolerated
                        ? " (tolerated: failures within max_failures/max_fail_percent)"
                        : string.Empty;
                writer.WriteLine($"  phase {number}: {name}{tolerated}");
                phase = number;
            }

            writer.WriteLine(
                $"    {host.PadRight(width)}  ok {t.Ok, -3} failed {t.Failed, -3} skipped {t.Skipped, -3} "
                    + $"unreachable {t.Unreachable, -3} "
                    + $"{(t.Changed > 0 ? $"changed {t.Changed, -3} " : "")}"
                    + $"{(t.Interrupted > 0 ? $"interrupted {t.Interrupted, -3} " : "")}"
                    + $"{(t.Waiting > 0 ? $"waiting {t.Waiting, -3} " : "")}{Durations.Short(t.Duration)}"
            );
        }

        var outcome = summary.Outcome is { } o ? Executor.OutcomeName(o) : "unknown";
        writer.WriteLine($"run {runId}: {outcome} in {Durations.Short(summary.Duration)}");
        if (summary.Outcome is not (RunOutcome.Succeeded or RunOutcome.StoreUnwritable)) // the latter: nothing ran
            writer.WriteLine($"resume with: runbook run ... --resume {runId}");
        writer.Flush();
    }
}
