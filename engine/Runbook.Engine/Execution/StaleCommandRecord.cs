using System.Text.Json;
using Runbook.Model;

namespace Runbook.Execution;

/// <summary>
/// The journal's account of stale commands (<see cref="StaleCommands"/>): "stale-command" when one is found (host,
/// step id, pid, whether it is waited for or killed, how long it had run, the wait's limit), "stale-command-gone" when
/// it is (how: ended, killed, still-running; how long the run waited). Resume does not read them.
/// </summary>
internal sealed record StaleCommandRecord(
    string Host,
    string Id,
    int Pid,
    string What,
    TimeSpan Duration,
    TimeSpan? Limit = null
) : JournalRecord
{
    public static JournalRecord? Of(RunEvent e) =>
        e switch
        {
            StaleCommandFound f => new StaleCommandRecord(
                f.Host,
                f.Step,
                f.Pid,
                f.Killing ? "kill" : "wait",
                f.Running,
                f.Limit
            ),
            StaleCommandGone g => new StaleCommandRecord(g.Host, g.Step, g.Pid, StaleCommandText.How(g.How), g.Waited),
            _ => null,
        };

    public static bool TryWrite(Utf8JsonWriter w, JournalRecord record)
    {
        if (record is not StaleCommandRecord s)
            return false;
        var found = s.Limit is not null;
        w.WriteString("record", found ? "stale-command" : "stale-command-gone");
        w.WriteString("host", s.Host);
        w.WriteString("id", s.Id);
        w.WriteNumber("pid", s.Pid);
        w.WriteString(found ? "action" : "how", s.What);
        w.WriteNumber(found ? "running_ms" : "waited_ms", (long)s.Duration.TotalMilliseconds);
        if (s.Limit is { } limit)
            w.WriteNumber("limit_ms", (long)limit.TotalMilliseconds);
        return true;
    }
}

/// <summary>The events in words (the NDJSON "text"; the CLI's lines read the same).</summary>
internal static class StaleCommandText
{
    public static string Found(StaleCommandFound f) =>
        $"step {f.Step} of the run's earlier attempt still runs (pid {f.Pid}, for {Short(f.Running)}): "
        + (
            f.Killing
                ? $"killing it (TERM, then KILL after {Short(StaleCommands.KillGrace)})"
                : $"waiting for it to end, for up to {Short(f.Limit)}"
        );

    public static string Gone(StaleCommandGone g) =>
        g.How switch
        {
            StaleCommandEnd.Ended => $"step {g.Step} (pid {g.Pid}) ended after {Short(g.Waited)} of waiting",
            StaleCommandEnd.Killed => $"step {g.Step} (pid {g.Pid}) killed, after {Short(g.Waited)}",
            _ => $"step {g.Step} (pid {g.Pid}) still runs after {Short(g.Waited)}: nothing ran; "
                + "resume again once it has ended, or kill it",
        };

    public static string How(StaleCommandEnd how) =>
        how switch
        {
            StaleCommandEnd.Ended => "ended",
            StaleCommandEnd.Killed => "killed",
            _ => "still-running",
        };

    private static string Short(TimeSpan d) =>
        new Duration(TimeSpan.FromSeconds(Math.Round(d.TotalSeconds))).ToString();
}
