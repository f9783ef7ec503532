namespace Runbook.Execution;

/// <summary>
/// One thing that happened in a run. Only the fields that apply to <see cref="Kind"/> are set. Text fields hold display
/// text only (commands as <c>Display</c>, output lines masked): the executor masks before publishing.
/// </summary>
/// <param name="Step">The step id (e.g. p1.b2.etcd-2.s1) or, for gate events, the gate id.</param>
/// <param name="Text">Run: the runbook (started) or outcome (finished); step: the command, an output line or why it failed.</param>
public sealed record RunEvent(
    RunEventKind Kind,
    DateTimeOffset Time,
    int? Phase = null,
    string? Batch = null,
    string? Host = null,
    string? Step = null,
    string? Name = null,
    StepStatus? Status = null,
    int? ExitCode = null,
    int? Attempt = null,
    TimeSpan? Duration = null,
    string? Stream = null,
    string? Text = null)
{
    /// <summary>Step finished: the name the step captured its stdout as ('capture: NAME').</summary>
    public string? Capture { get; init; }

    /// <summary>Step finished: the captured value, so a resumed run can restore it; absent when it held a secret.</summary>
    public string? Captured { get; init; }
}
