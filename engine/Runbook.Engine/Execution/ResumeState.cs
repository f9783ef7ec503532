using Runbook.Graph;

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
    /// Steps of a phase's 'steps' list that began (whatever became of them): their hosts started the phase.
    /// </summary>
    public IReadOnlySet<string> StartedSteps { get; init; } = new HashSet<string>();

    /// <summary>"batch host" of each host whose 'finally' steps ran to their end in the batch.</summary>
    public IReadOnlySet<string> FinallyDone { get; init; } = new HashSet<string>();

    public static string HostKey(string batch, string host) => batch + " " + host;

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
        var started = new HashSet<string>(StringComparer.Ordinal);
        var finallyDone = new HashSet<string>(StringComparer.Ordinal);
        var hostOf = new Dictionary<string, string>(StringComparer.Ordinal);
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
                case StepBegun { List: StepList.Steps } begun:
                    started.Add(begun.Id);
                    break;
                case StepDone { List: not StepList.Steps }:
                    break; // clean-up runs again whenever a host needs it, whatever it did before
                case CleanupBegun { List: StepList.OnFailure } cleanup:
                    // The host's on_failure undid what its steps did: resume starts its phase again from the first
                    // step, so what it completed in this batch (once steps it ran included) counts for nothing.
                    var prefix = cleanup.Batch + ".";
                    steps.RemoveWhere(id =>
                        id.StartsWith(prefix, StringComparison.Ordinal) && hostOf.GetValueOrDefault(id) == cleanup.Host
                    );
                    break;
                case CleanupDone { List: StepList.Finally } cleanup:
                    finallyDone.Add(HostKey(cleanup.Batch, cleanup.Host));
                    break;
                case StepDone { Status: StepStatus.Ok or StepStatus.Skipped } step:
                    steps.Add(step.Id);
                    hostOf[step.Id] = step.Host;
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
            StartedSteps = started,
            FinallyDone = finallyDone,
            Captures = captures.ToDictionary(
                c => c.Key,
                c => (IReadOnlyDictionary<string, string?>)c.Value,
                StringComparer.Ordinal
            ),
        };
    }
}
