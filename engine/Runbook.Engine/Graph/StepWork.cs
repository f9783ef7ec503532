namespace Runbook.Graph;

/// <summary>
/// What a compiled step does on its host, fully rendered: one record per step kind, each in its folder under Steps/.
/// What every step has (id, host, name, become, timeout, env, when, capture, span) is on <see cref="StepNode"/>.
/// </summary>
public abstract record StepWork
{
    /// <summary>The kind's key, as on <see cref="Model.StepSpec.Kind"/>.</summary>
    public abstract string Kind { get; }

    /// <summary>The shell command this work sends to its host, if it sends one: shown in plans, diffs and events.</summary>
    public abstract Command? Command { get; }

    /// <summary>The command sent to change the host (not a check): what safety rules read for stops and restarts.</summary>
    public virtual Command? Effect => null;
}
