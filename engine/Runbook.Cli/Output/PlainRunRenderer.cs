using Runbook.Diagnostics;
using Runbook.Execution;

namespace Runbook.Cli.Output;

/// <summary>Output without a terminal (CI, redirected, --no-live): one plain line per event, no control codes.</summary>
internal sealed class PlainRunRenderer(TextWriter writer) : IRunObserver
{
    public void OnEvent(RunEvent e)
    {
        if (Line(e) is not { } line)
            return;
        writer.WriteLine(VisibleText.Escape(line)); // names and output lines come from inventories and hosts
        writer.Flush();
    }

    public static string? Line(RunEvent e) =>
        e switch
        {
            RunStarted r => $"run {r.RunId}{(r.Resumed ? " (resumed)" : string.Empty)}: {r.Runbook}",
            PhaseStarted p => $"== phase {p.Phase}: {p.Name}",
            BatchStarted b => $"-- batch {b.Batch}: {string.Join(' ', b.Hosts)}",
            StepStarted s => $"[{s.Host}] {In(s.List)}{s.Name}: {s.Command}",
            StepOutput o => $"[{o.Host}] | {o.Text}",
            StepAttempt a => $"[{a.Host}] {a.Name}: attempt {a.Attempt} "
                + $"{Result(a.Status, a.ExitCode, null, a.Duration, a.Text)}",
            StepFinished s => $"[{s.Host}] {In(s.List)}{s.Name}: "
                + Result(s.Status, s.ExitCode, s.Attempts, s.Duration, s.Why),
            GateStarted g => $"[{Gate(g.Precondition)}] {g.Name}: {g.Command}",
            GateAttempt g => $"[{Gate(g.Precondition)}] {g.Name} on {g.Host}: attempt {g.Attempt} "
                + $"{Result(g.Status, g.ExitCode, null, g.Duration, g.Text)}",
            GateFinished g => $"[{Gate(g.Precondition)}] {g.Name}: {Result(g.Status, null, null, g.Duration, g.Why)}",
            CleanupStarted c => $"[{c.Host}] {EventJson.ListName(c.List)}"
                + (c.Why is { } why ? $" after {why}" : string.Empty),
            CleanupFinished c => $"[{c.Host}] {EventJson.ListName(c.List)}: "
                + Result(c.Status, null, null, c.Duration, null),
            PhaseFinished p when p.Status != StepStatus.Ok =>
                $"== phase {p.Phase}: {p.Name} {EventJson.Name(p.Status)}",
            PauseWaiting p => $"[pause] {p.Name}: waiting for approval: {p.Message}",
            PauseApproved p => $"[pause] {p.Name}: approved by {p.By} ({p.How})",
            ClusterLockChanged l => $"[lock] {l.Name} on {l.Host} ({l.Path}): {l.Text}",
            PreflightChecked p when p.Status != StepStatus.Ok =>
                $"[{p.Host}] preflight {EventJson.Name(p.Status)}: {string.Join("; ", p.Problems)}",
            PreflightFinished p => Preflight(p),
            StaleCommandFound s => $"[{s.Host}] {StaleCommandText.Found(s)}",
            StaleCommandGone s => $"[{s.Host}] {StaleCommandText.Gone(s)}"
                + (s.How == StaleCommandEnd.StillRunning ? " (--kill-stale)" : string.Empty),
            RunFinished r => $"run finished: {Executor.OutcomeName(r.Outcome)} ({Durations.Short(r.Duration)})",
            _ => null,
        };

    /// <summary>"on_failure: " or "finally: " before a clean-up step's name; nothing before a phase's step.</summary>
    private static string In(Runbook.Graph.StepList list) =>
        EventJson.ListName(list) is { } name ? name + ": " : string.Empty;

    private static string Gate(bool precondition) => precondition ? "precondition" : "gate";

    private static string Preflight(PreflightFinished p) =>
        p.Failed == 0
            ? $"preflight: {p.Hosts} host{(p.Hosts == 1 ? "" : "s")} ready ({Durations.Short(p.Duration)})"
            : $"preflight: {p.Failed} of {p.Hosts} host{(p.Hosts == 1 ? "" : "s")} not ready; nothing has run";

    /// <summary>How a step, gate attempt or gate ended: status, exit code and attempts if they tell, time,
    /// why.</summary>
    private static string Result(StepStatus status, int? exitCode, int? attempts, TimeSpan? duration, string? why)
    {
        var exit = exitCode is { } x && status != StepStatus.Ok ? $" exit {x}" : string.Empty;
        var tries = attempts is { } a ? $" after {a} attempt{(a == 1 ? string.Empty : "s")}" : string.Empty;
        var time = duration is null ? string.Empty : $" ({Durations.Short(duration)})";
        var reason = why is { Length: > 0 } t && status != StepStatus.Ok ? ": " + t : string.Empty;
        return EventJson.Name(status) + exit + tries + time + reason;
    }
}
