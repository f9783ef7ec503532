namespace Runbook.Graph;

/// <summary>
/// Which of a phase's step lists a step belongs to: its 'steps', its 'on_failure' (run on a host after one of its
/// steps failed) or its 'finally' (run on every host that started the phase's steps). Events and the journal carry it,
/// so a reader tells clean-up apart from the work it cleans up.
/// </summary>
public enum StepList
{
    Steps,
    OnFailure,
    Finally,
}

/// <summary>How runbooks, plans, diffs, events and the journal spell a <see cref="StepList"/>.</summary>
public static class StepLists
{
    /// <summary>"steps", "on_failure" or "finally": the phase's key.</summary>
    public static string Key(this StepList list) =>
        list switch
        {
            StepList.OnFailure => "on_failure",
            StepList.Finally => "finally",
            _ => "steps",
        };
}
