namespace Runbook.Model;

/// <summary>
/// A phase's 'serial', 'max_failures' and 'max_fail_percent' written as templates over params
/// (<c>serial: "{{ params.batch }}"</c>): resolved when compiling, so the plan shows the values. Null where the phase
/// wrote a literal value (or nothing).
/// </summary>
public sealed record RolloutTemplates(TemplateText? Serial, TemplateText? MaxFailures, TemplateText? MaxFailPercent)
{
    public IEnumerable<(string Key, TemplateText Text)> All()
    {
        if (Serial is not null)
            yield return ("serial", Serial);
        if (MaxFailures is not null)
            yield return ("max_failures", MaxFailures);
        if (MaxFailPercent is not null)
            yield return ("max_fail_percent", MaxFailPercent);
    }
}
