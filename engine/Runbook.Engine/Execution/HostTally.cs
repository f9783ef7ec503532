namespace Runbook.Execution;

/// <summary>Step counts and time spent for one host in one phase.</summary>
public sealed class HostTally
{
    public int Ok { get; private set; }

    public int Failed { get; private set; }

    public int Skipped { get; private set; }

    public int Unreachable { get; private set; }

    /// <summary>Steps cut short by a second interrupt (abort).</summary>
    public int Interrupted { get; private set; }

    /// <summary>Pauses that were not approved: the run waits there (counted apart, since nothing failed).</summary>
    public int Waiting { get; private set; }

    /// <summary>Steps that changed the host (file steps that wrote a file); included in <see cref="Ok"/>.</summary>
    public int Changed { get; private set; }

    public TimeSpan Duration { get; private set; }

    internal void Add(StepStatus status, TimeSpan duration, bool changed = false)
    {
        Duration += duration;
        if (changed)
            Changed++;
        switch (status)
        {
            case StepStatus.Ok:
                Ok++;
                break;
            case StepStatus.Skipped:
                Skipped++;
                break;
            case StepStatus.Unreachable:
                Unreachable++;
                break;
            case StepStatus.Interrupted:
                Interrupted++;
                break;
            case StepStatus.Waiting:
                Waiting++;
                break;
            default:
                Failed++;
                break;
        }
    }
}
