namespace Runbook.Model;

/// <summary>
/// What a step does, as written: one record per step kind (run, wait, verify…), each in its folder under Steps/.
/// What every step has (name, become, timeout, when, env, on, capture) is on <see cref="StepDefinition"/>.
/// </summary>
public abstract record StepSpec
{
    /// <summary>The key that names the kind in a runbook ("run"); also the kind in JSON plans and the step
    /// registry.</summary>
    public abstract string Kind { get; }

    /// <summary>The template of the command that changes the host, if any: what safety rules read without an
    /// inventory.</summary>
    public virtual TemplateText? Effect => null;
}
