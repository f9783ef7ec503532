using Runbook.Diagnostics;
using Runbook.Execution;

namespace Runbook.Cli.Output;

/// <summary>Output without a terminal (CI, redirected, --no-live): one plain line per event, no control codes.</summary>
internal sealed class PlainRunRenderer(TextWriter writer) : IRunObserver
{
    public void OnEvent(RunEvent e)
    {
        if (Line(e) is not { } line) return;
        writer.WriteLine(VisibleText.Escape(line)); // names and output lines come from inventories and hosts
        writer.Flush();
    }

    public static string? Line(RunEvent e) => e.Kind switch
    {
        RunEventKind.RunStarted => $"run {e.Text}: {e.Name}",
        RunEventKind.PhaseStarted => $"== phase {e.Phase}: {e.Name}",
        RunEventKind.BatchStarted => $"-- batch {e.Batch}: {e.Text}",
        RunEventKind.StepStarted => $"[{e.Host}] {e.Name}: {e.Text}",
        RunEventKind.StepOutput => $"[{e.Host}] | {e.Text}",
        RunEventKind.StepFinished => $"[{e.Host}] {e.Name}: {Result(e)}",
        RunEventKind.GateStarted => $"[gate] {e.Name}: {e.Text}",
        RunEventKind.GateAttempt => $"[gate] {e.Name} on {e.Host}: attempt {e.Attempt} {Result(e)}",
        RunEventKind.GateFinished => $"[gate] {e.Name}: {Result(e)}",
        RunEventKind.PhaseFinished when e.Status != StepStatus.Ok => $"== phase {e.Phase}: {e.Name} {EventJson.Name(e.Status ?? StepStatus.Failed)}",
        RunEventKind.RunFinished => $"run finished: {e.Text} ({Durations.Short(e.Duration)})",
        _ => null,
    };

    private static string Result(RunEvent e)
    {
        var status = EventJson.Name(e.Status ?? StepStatus.Failed);
        var exit = e.ExitCode is { } x && e.Status != StepStatus.Ok ? $" exit {x}" : string.Empty;
        var attempts = e.Attempt is { } a && e.Kind == RunEventKind.StepFinished ? $" after {a} attempt{(a == 1 ? string.Empty : "s")}" : string.Empty;
        var time = e.Duration is null ? string.Empty : $" ({Durations.Short(e.Duration)})";
        var why = e.Text is { Length: > 0 } t && e.Status != StepStatus.Ok ? ": " + t : string.Empty;
        return status + exit + attempts + time + why;
    }
}
