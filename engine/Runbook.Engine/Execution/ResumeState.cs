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
            switch (EventJson.TryParse(line))
            {
                case StepFinished { Status: StepStatus.Ok or StepStatus.Skipped } step:
                    steps.Add(step.Step);
                    if (step is { Status: StepStatus.Ok, Capture: { } name })
                    {
                        if (!captures.TryGetValue(step.Host, out var values)) captures[step.Host] = values = new(StringComparer.Ordinal);
                        values[name] = step.Captured;
                    }

                    break;
                case GateFinished { Status: StepStatus.Ok } gate:
                    gates.Add(gate.Gate);
                    break;
            }
        }

        return new ResumeState(steps, gates)
        {
            Captures = captures.ToDictionary(c => c.Key, c => (IReadOnlyDictionary<string, string?>)c.Value, StringComparer.Ordinal),
        };
    }
}
