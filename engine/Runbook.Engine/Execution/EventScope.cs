using Runbook.Diagnostics;
using Runbook.Graph;
using Runbook.Transport;

namespace Runbook.Execution;

// The only code that builds events. Each scope knows its coordinates (phase, batch, host, step or gate) and when it
// began, so a runner says only what happened: the scope stamps where and how long. Scopes nest as the run does:
// run -> phase -> batch -> host (-> step) or gate.

/// <summary>The run: its start and finish, and the phases in it.</summary>
internal sealed class RunScope
{
    private readonly EventPublisher _events;
    private readonly TimeProvider _time;
    private readonly string _runbook;
    private readonly long _started;

    public RunScope(
        EventPublisher events,
        TimeProvider time,
        string runbook,
        string runId,
        bool resumed,
        string? planHash = null
    )
    {
        (_events, _time, _runbook) = (events, time, runbook);
        _events.Publish(new RunStarted(runbook, runId, resumed) { PlanHash = planHash });
        _started = time.GetTimestamp();
    }

    public PhaseScope Phase(PhaseNode phase) => new(_events, _time, phase);

    public void Finished(RunOutcome outcome) =>
        _events.Publish(new RunFinished(_runbook, outcome, _time.GetElapsedTime(_started)));

    /// <summary>
    /// How a phase or batch that stopped for <paramref name="stop"/> (null: it did not) ended; one that went on despite
    /// failures within its tolerance is <see cref="StepStatus.Tolerated"/>, not ok.
    /// </summary>
    internal static StepStatus StatusOf(RunOutcome? stop, bool tolerated = false) =>
        stop switch
        {
            null => tolerated ? StepStatus.Tolerated : StepStatus.Ok,
            RunOutcome.Interrupted => StepStatus.Interrupted,
            RunOutcome.WaitingForApproval => StepStatus.Waiting,
            _ => StepStatus.Failed,
        };
}

/// <summary>One phase: its start and finish, and its batches.</summary>
internal sealed class PhaseScope
{
    private readonly EventPublisher _events;
    private readonly TimeProvider _time;
    private readonly PhaseNode _phase;
    private readonly long _started;

    public PhaseScope(EventPublisher events, TimeProvider time, PhaseNode phase)
    {
        (_events, _time, _phase) = (events, time, phase);
        _events.Publish(new PhaseStarted(phase.Number, phase.Name));
        _started = time.GetTimestamp();
    }

    public BatchScope Batch(BatchNode batch) => new(_events, _time, _phase.Number, batch);

    /// <summary>
    /// The phase ended; <paramref name="stop"/> is why the rollout stops, null when it goes on (tolerated when a batch
    /// of it went on with failures within its tolerance).
    /// </summary>
    public void Finished(RunOutcome? stop, bool tolerated = false) =>
        _events.Publish(
            new PhaseFinished(
                _phase.Number,
                _phase.Name,
                RunScope.StatusOf(stop, tolerated),
                _time.GetElapsedTime(_started)
            )
        );
}

/// <summary>One batch: its start and finish, its hosts and its gates.</summary>
internal sealed class BatchScope
{
    private readonly EventPublisher _events;
    private readonly TimeProvider _time;
    private readonly int _phase;
    private readonly long _started;

    public BatchScope(EventPublisher events, TimeProvider time, int phase, BatchNode batch)
    {
        (_events, _time, _phase, Id) = (events, time, phase, batch.Id);
        _events.Publish(new BatchStarted(phase, batch.Id, batch.Hosts));
        _started = time.GetTimestamp();
    }

    public string Id { get; }

    /// <summary>
    /// Where one host's steps are recorded; also an on: any(...) target no candidate of which answered.
    /// </summary>
    public HostScope Host(string host) => new(_events, _time, _phase, Id, host);

    public GateScope Gate(GateNode gate) => new(_events, _time, _phase, Id, gate);

    /// <summary>
    /// A host's 'on_failure' or 'finally' steps, begun now; <paramref name="why"/> names what failed.
    /// </summary>
    public CleanupScope Cleanup(string host, StepList list, string? why) =>
        new(_events, _time, _phase, Id, host, list, why);

    /// <summary>
    /// The batch ended; <paramref name="stop"/> is why the rollout stops, null when it goes on: with
    /// <paramref name="tolerated"/>, despite failures within the phase's max_failures or max_fail_percent.
    /// </summary>
    public RunOutcome? Finished(RunOutcome? stop, bool tolerated = false)
    {
        var status = RunScope.StatusOf(stop, tolerated);
        _events.Publish(new BatchFinished(_phase, Id, status, _time.GetElapsedTime(_started)));
        return stop;
    }
}

/// <summary>One host in a batch: the steps it runs.</summary>
internal sealed class HostScope(EventPublisher events, TimeProvider time, int phase, string batch, string host)
{
    public string Host { get; } = host;

    public StepScope Step(StepNode step) =>
        new(events, time, phase, batch, Host, step.Id, step.Name, step.List) { Source = step.Span };
}

/// <summary>One step on one host: started, its output lines, finished.</summary>
internal sealed class StepScope(
    EventPublisher events,
    TimeProvider time,
    int phase,
    string batch,
    string host,
    string id,
    string name,
    StepList list = StepList.Steps
)
{
    private long? _started;
    private int? _attempt;

    /// <summary>Where the step is written; its events carry it.</summary>
    public SourceSpan Source { get; init; }

    public string Host { get; } = host;

    public string Id { get; } = id;

    /// <summary>The batch's id (p1.b2).</summary>
    public string Batch => batch;

    /// <summary>A pause is waiting for approval.</summary>
    public void Waiting(string message) => events.Publish(new PauseWaiting(phase, batch, Id, name, message));

    /// <summary>A pause was approved by <paramref name="by"/>; <paramref name="how"/> says how.</summary>
    public void Approved(string by, string how) => events.Publish(new PauseApproved(phase, batch, Id, name, by, how));
    /// <summary>
    /// A step with 'retries' begins attempt <paramref name="number"/>: its output lines carry the number until the
    /// next one. Returns when it began, for <see cref="Attempted"/>.
    /// </summary>
    public long Attempting(int number)
    {
        _attempt = number;
        return time.GetTimestamp();
    }

    /// <summary>An attempt of a step with 'retries' ended; <paramref name="text"/>: why it failed, what next.</summary>
    public void Attempted(int number, long began, StepStatus status, int? exit, string? text) =>
        events.Publish(
            new StepAttempt(phase, batch, Host, Id, name, status, number, exit, time.GetElapsedTime(began), text)
            {
                Source = Source,
            }
        );

    public void Started(string shown)
    {
        events.Publish(new StepStarted(phase, batch, Host, Id, name, shown) { List = list, Source = Source });
        _started = time.GetTimestamp();
    }

    /// <summary>Where the step's output lines go, each an event.</summary>
    public void Output(OutputLine line) =>
        events.Publish(new StepOutput(phase, batch, Host, Id, line.Stream, line.Text) { Attempt = _attempt });

    /// <summary>
    /// The step ended. A step that never started (skipped, or failed before it could) has no duration.
    /// <paramref name="capture"/> and <paramref name="captured"/> are what an ok step captured, for resume.
    /// </summary>
    public void Finished(
        StepStatus status,
        string? why = null,
        int? exit = null,
        int? attempts = null,
        string? capture = null,
        string? captured = null,
        bool? changed = null
    ) =>
        events.Publish(
            new StepFinished(
                phase,
                batch,
                Host,
                Id,
                name,
                status,
                exit,
                attempts,
                _started is { } started ? time.GetElapsedTime(started) : null,
                why,
                capture,
                captured,
                changed
            )
            {
                List = list,
                Source = Source,
            }
        );
}

/// <summary>One gate after a batch: its start, each candidate's attempts, its finish.</summary>
internal sealed class GateScope
{
    private readonly EventPublisher _events;
    private readonly TimeProvider _time;
    private readonly int _phase;
    private readonly string _batch;
    private readonly GateNode _gate;
    private readonly long _started;

    public GateScope(EventPublisher events, TimeProvider time, int phase, string batch, GateNode gate)
    {
        (_events, _time, _phase, _batch, _gate) = (events, time, phase, batch, gate);
        _events.Publish(
            new GateStarted(phase, batch, gate.Id, gate.Name, gate.Check.Command.Display)
            {
                Precondition = gate.IsPrecondition,
            }
        );
        _started = time.GetTimestamp();
    }

    /// <summary>
    /// One attempt on one candidate; without <paramref name="attempt"/> when the candidate could not be reached or
    /// the check could not be sent.
    /// </summary>
    public void Attempt(
        string host,
        StepStatus status,
        string? text,
        int? exit = null,
        int? attempt = null,
        TimeSpan? duration = null,
        string? stderr = null
    ) =>
        _events.Publish(
            new GateAttempt(_phase, _batch, host, _gate.Id, _gate.Name, status, text, exit, attempt, duration)
            {
                Precondition = _gate.IsPrecondition,
                Stderr = stderr,
            }
        );

    public void Finished(StepStatus status, string? why) =>
        _events.Publish(
            new GateFinished(_phase, _batch, _gate.Id, _gate.Name, status, _time.GetElapsedTime(_started), why)
            {
                Precondition = _gate.IsPrecondition,
            }
        );
}

/// <summary>One host's 'on_failure' or 'finally' steps in a batch: begun, ended.</summary>
internal sealed class CleanupScope
{
    private readonly EventPublisher _events;
    private readonly TimeProvider _time;
    private readonly int _phase;
    private readonly string _batch;
    private readonly string _host;
    private readonly StepList _list;
    private readonly long _started;

    public CleanupScope(
        EventPublisher events,
        TimeProvider time,
        int phase,
        string batch,
        string host,
        StepList list,
        string? why
    )
    {
        (_events, _time, _phase, _batch, _host, _list) = (events, time, phase, batch, host, list);
        _events.Publish(new CleanupStarted(phase, batch, host, list, why));
        _started = time.GetTimestamp();
    }

    public void Finished(StepStatus status) =>
        _events.Publish(new CleanupFinished(_phase, _batch, _host, _list, status, _time.GetElapsedTime(_started)));
}
