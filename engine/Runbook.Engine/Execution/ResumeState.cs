namespace Runbook.Execution;

/// <summary>What an earlier attempt of a run completed: steps finished ok or skipped, and gates that passed.</summary>
public sealed record ResumeState(IReadOnlySet<string> CompletedSteps, IReadOnlySet<string> PassedGates)
{
    public static readonly ResumeState None = new(new HashSet<string>(), new HashSet<string>());

    /// <summary>
    /// The values completed steps captured, by host and capture name. A null value was not recorded because it held a
    /// secret: a step that reads it fails rather than running with a wrong value.
    /// </summary>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, string?>> Captures { get; init; } =
        new Dictionary<string, IReadOnlyDictionary<string, string?>>();

    /// <summary>Reads journal records; a torn last line (a crash mid-write) is ignored.</summary>
    public static ResumeState FromJournal(IEnumerable<string> lines)
    {
        var steps = new HashSet<string>(StringComparer.Ordinal);
        var gates = new HashSet<string>(StringComparer.Ordinal);
        var captures = new Dictionary<string, Dictionary<string, string?>>(StringComparer.Ordinal);
        foreach (var line in lines)
        {
            if (EventJson.TryParse(line) is not { Step: { } id } e) continue;
            if (e.Kind == RunEventKind.StepFinished && e.Status is StepStatus.Ok or StepStatus.Skipped) steps.Add(id);
            if (e is { Kind: RunEventKind.StepFinished, Status: StepStatus.Ok, Host: { } host, Capture: { } name })
            {
                if (!captures.TryGetValue(host, out var values)) captures[host] = values = new(StringComparer.Ordinal);
                values[name] = e.Captured;
            }
            if (e.Kind == RunEventKind.GateFinished && e.Status == StepStatus.Ok) gates.Add(id);
        }

        return new ResumeState(steps, gates)
        {
            Captures = captures.ToDictionary(c => c.Key, c => (IReadOnlyDictionary<string, string?>)c.Value, StringComparer.Ordinal),
        };
    }
}
