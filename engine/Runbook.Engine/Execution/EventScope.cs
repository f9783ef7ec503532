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

    public RunScope(EventPublisher events, TimeProvider time, string runbook, string runId, bool resumed)
    {
        (_events, _time, _runbook) = (events, time, runbook);
        _events.Publish(new RunStarted(runbook, runId, resumed));
        _started = time.GetTimestamp();
    }

    public PhaseScope Phase(PhaseNode phase) => new(_events, _time, phase);

    public void Finished(RunOutcome outcome) =>
        _events.Publish(new RunFinished(_runbook, outcome, _time.GetElapsedTime(_started)));

    /// <summary>How a phase or batch that stopped for <paramref name="stop"/> (null: it did not) ended.</summary>
    internal static StepStatus StatusOf(RunOutcome? stop) =>
        stop switch
        {
            null => StepStatus.Ok,
            RunOutcome.Interrupted => StepStatus.Interrupted,
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

    /// <summary>The phase ended; <paramref name="stop"/> is why the rollout stops, null when it goes on.</summary>
    public void Finished(RunOutcome? stop) =>
        _events.Publish(
            new PhaseFinished(_phase.Number, _phase.Name, RunScope.StatusOf(stop), _time.GetElapsedTime(_started))
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

    /// <summary>The batch ended; <paramref name="stop"/> is why the rollout stops, null when it goes on.</summary>
    public RunOutcome? Finished(RunOutcome? stop)
    {
        _events.Publish(new BatchFinished(_phase, Id, RunScope.StatusOf(stop), _time.GetElapsedTime(_started)));
        return stop;
    }
}

/// <summary>One host in a batch: the steps it runs.</summary>
internal sealed class HostScope(EventPublisher events, TimeProvider time, int phase, string batch, string host)
{
    public string Host { get; } = host;

    public StepScope Step(StepNode step) => new(events, time, phase, batch, Host, step.Id, step.Name);
}

/// <summary>One step on one host: started, its output lines, finished.</summary>
internal sealed class StepScope(
    EventPublisher events,
    TimeProvider time,
    int phase,
    string batch,
    string host,
    string id,
    string name
)
{
    private long? _started;

    public string Host { get; } = host;

    public string Id { get; } = id;

    public void Started(string shown)
    {
        events.Publish(new StepStarted(phase, batch, Host, Id, name, shown));
        _started = time.GetTimestamp();
    }

    /// <summary>Where the step's output lines go, each an event.</summary>
    public void Output(OutputLine line) =>
        events.Publish(new StepOutput(phase, batch, Host, Id, line.Stream, line.Text));

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
        _events.Publish(new GateStarted(phase, batch, gate.Id, gate.Name, gate.Check.Command.Display));
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
        TimeSpan? duration = null
    ) =>
        _events.Publish(
            new GateAttempt(_phase, _batch, host, _gate.Id, _gate.Name, status, text, exit, attempt, duration)
        );

    public void Finished(StepStatus status, string? why) =>
        _events.Publish(
            new GateFinished(_phase, _batch, _gate.Id, _gate.Name, status, _time.GetElapsedTime(_started), why)
        );
}
