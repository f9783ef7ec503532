using System.Text.Json;
using static Runbook.History.JournalReader;
using static Runbook.History.RunHistory;

namespace Runbook.History;

/// <summary>One batch as the journal's lines build it up, in the order things happened.</summary>
internal sealed class Batch(string id, int phase)
{
    private readonly Dictionary<(string, string), Step> _steps = [];
    private readonly List<Step> _stepOrder = [];
    private readonly Dictionary<string, Gate> _gates = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Pause> _pauses = new(StringComparer.Ordinal);

    public int Phase => phase;

    public List<string> Hosts { get; } = [];

    public string? Status { get; set; }

    public DateTimeOffset? Started { get; set; }

    public DateTimeOffset? Ended { get; set; }

    public Step Step(string stepId, string host)
    {
        if (_steps.TryGetValue((stepId, host), out var step))
            return step;
        _steps[(stepId, host)] = step = new Step(stepId, host);
        _stepOrder.Add(step);
        return step;
    }

    public Gate Gate(string gateId)
    {
        if (!_gates.TryGetValue(gateId, out var gate))
            _gates[gateId] = gate = new Gate(gateId);
        return gate;
    }

    public Pause Pause(string pauseId, string? name, string? message)
    {
        if (!_pauses.TryGetValue(pauseId, out var pause))
            _pauses[pauseId] = pause = new Pause(pauseId, name ?? pauseId, message);
        return pause;
    }

    public BatchReport ToReport()
    {
        // Hosts a journal without batch-started records names only through its steps.
        var hosts = Hosts.Concat(_stepOrder.Select(s => s.Host)).Distinct(StringComparer.Ordinal).ToList();
        return new BatchReport(
            id,
            phase,
            hosts,
            Status,
            Started,
            Ended,
            [.. _stepOrder.Select(s => s.ToReport(id))],
            [.. _gates.Values.Select(g => g.ToReport(id))],
            [
                .. _pauses.Values.Select(p => new PauseReport(
                    p.Id,
                    id,
                    p.Name,
                    p.Message,
                    p.WaitedAt,
                    p.ApprovedAt,
                    p.By
                )),
            ]
        );
    }
}

internal sealed class Step(string id, string host)
{
    private readonly List<(string Stream, string Text)> _output = [];
    private int _dropped;
    private string? _name;
    private string? _command;
    private string _list = "steps";
    private string? _status;
    private string? _why;
    private int? _exitCode;
    private int? _attempts;
    private DateTimeOffset? _started;
    private DateTimeOffset? _ended;
    private TimeSpan? _duration;

    public string Host => host;

    /// <summary>The step began (again, on a resume): what an earlier attempt left is replaced.</summary>
    public void Reset(DateTimeOffset? at, string? name, string? command, string? list)
    {
        (_started, _ended, _status, _why, _exitCode, _attempts, _duration) = (at, null, null, null, null, null, null);
        (_name, _command, _list) = (name ?? _name, command ?? _command, list ?? "steps");
        _output.Clear();
        _dropped = 0;
    }

    public void Log(string stream, string text)
    {
        if (_output.Count == MaxOutputLines)
        {
            _output.RemoveAt(0);
            _dropped++;
        }

        _output.Add((stream, text));
    }

    public void Done(JsonElement r, DateTimeOffset? at)
    {
        _name = Str(r, "name") ?? _name;
        _status = Str(r, "status");
        _why = Str(r, "why");
        _exitCode = Int(r, "exit_code");
        _attempts = Int(r, "attempts");
        _duration = Millis(r);
        _ended = at;
        _started ??= at; // skipped: never started, a point in time
        _list = Str(r, "list") ?? _list;
    }

    public StepReport ToReport(string batch)
    {
        IReadOnlyList<(string, string)> output =
            _dropped == 0 ? [.. _output] : [("note", $"({_dropped} earlier lines left out)"), .. _output];
        return new StepReport(
            id,
            batch,
            host,
            _name ?? id,
            _command,
            _list,
            _status,
            _why,
            _exitCode,
            _attempts,
            _started,
            _ended,
            _duration ?? (_started is { } s && _ended is { } e ? e - s : null),
            output
        );
    }
}

internal sealed class Gate(string id)
{
    private string? _name;
    private string? _command;
    private bool _precondition;
    private string? _status;
    private string? _why;
    private DateTimeOffset? _started;
    private DateTimeOffset? _ended;
    private TimeSpan? _duration;

    public List<GateCheck> Checks { get; } = [];

    public void Begin(JsonElement r, DateTimeOffset? at)
    {
        (_name, _command, _started) = (Str(r, "name"), Str(r, "command"), at);
        _precondition = Str(r, "list") == "preconditions";
        (_status, _why, _ended, _duration) = (null, null, null, null);
        Checks.Clear();
    }

    public void Done(JsonElement r, DateTimeOffset? at)
    {
        _name = Str(r, "name") ?? _name;
        _precondition |= Str(r, "list") == "preconditions";
        (_status, _why, _ended, _duration) = (Str(r, "status"), Str(r, "why"), at, Millis(r));
        _started ??= at;
    }

    public GateReport ToReport(string batch) =>
        new(id, batch, _name ?? id, _command, _precondition, _status, _why, _started, _ended, _duration, [.. Checks]);
}

internal sealed class Pause(string id, string name, string? message)
{
    public string Id => id;

    public string Name => name;

    public string? Message => message;

    public DateTimeOffset? WaitedAt { get; set; }

    public DateTimeOffset? ApprovedAt { get; set; }

    public string? By { get; set; }
}
