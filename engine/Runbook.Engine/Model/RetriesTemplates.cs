namespace Runbook.Model;

/// <summary>
/// A step's 'retries' whose 'count' or 'delay' is a template over params (<c>count: "{{ params.retries }}"</c>):
/// resolved when compiling into <see cref="StepDefinition.Retries"/>, so the plan shows the values. The other of the
/// two, when written as a literal, is already read: <see cref="CountValue"/> or <see cref="DelayValue"/>.
/// </summary>
internal sealed record RetriesTemplates(TemplateText? Count, int? CountValue, TemplateText? Delay, Duration DelayValue)
{
    public IEnumerable<TemplateText> All()
    {
        if (Count is not null)
            yield return Count;
        if (Delay is not null)
            yield return Delay;
    }
}
