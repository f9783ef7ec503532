namespace Runbook.Execution;

/// <summary>What an earlier attempt of a run completed: steps finished ok or skipped, and gates that passed.</summary>
internal sealed record ResumeState(IReadOnlySet<string> CompletedSteps, IReadOnlySet<string> PassedGates)
{
    public static readonly ResumeState None = new(new HashSet<string>(), new HashSet<string>());

    /// <summary>
    /// The values completed steps captured, by host and capture name. A null value was not recorded because it held a
    /// secret: a step that reads it fails rather than running with a wrong value.
    /// </summary>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, string?>> Captures { get; init; } =
        new Dictionary<string, IReadOnlyDictionary<string, string?>>();

    /// <summary>
    /// The pause (step id) the run stopped at, waiting for approval, if its last attempt stopped at one: an approval
    /// given when resuming is for it.
    /// </summary>
    public string? WaitingAt { get; init; }

    /// <summary>
    /// Reads journal records; a torn last line (a crash mid-write) is ignored. Throws InvalidDataException for a
    /// journal of events, written before journals had records of their own.
    /// </summary>
    public static ResumeState FromJournal(IEnumerable<string> lines)
    {
        var steps = new HashSet<string>(StringComparer.Ordinal);
        var gates = new HashSet<string>(StringComparer.Ordinal);
        var captures = new Dictionary<string, Dictionary<string, string?>>(StringComparer.Ordinal);
        string? waiting = null;
        foreach (var line in lines)
        {
            switch (JournalRecord.TryParse(line))
            {
                case OldEventLine:
                    throw new InvalidDataException(
                        "its journal was written by an earlier version, in the events format"
                    );
                case PauseWaited pause:
                    waiting = pause.Id;
                    break;
                case StepDone { Status: StepStatus.Ok or StepStatus.Skipped } step:
                    steps.Add(step.Id);
                    if (step.Id == waiting)
                        waiting = null;
                    if (step is { Status: StepStatus.Ok, Capture: { } name })
                    {
                        if (!captures.TryGetValue(step.Host, out var values))
                        {
                            captures[step.Host] = values = new(StringComparer.Ordinal);
                        }

                        values[name] = step.Captured;
                    }

                    break;
                case GateDone { Status: StepStatus.Ok } gate:
                    gates.Add(gate.Id);
                    break;
            }
        }

        return new ResumeState(steps, gates)
        {
            WaitingAt = waiting,
            Captures = captures.ToDictionary(
                c => c.Key,
                c => (IReadOnlyDictionary<string, string?>)c.Value,
                StringComparer.Ordinal
            ),
        };
    }
}
