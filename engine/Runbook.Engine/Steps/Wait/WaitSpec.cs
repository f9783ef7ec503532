using Runbook.Model;

namespace Runbook.Steps.Wait;

/// <summary>'wait: DURATION': a pause on the controller, e.g. for a service to settle; a template may compute
/// it.</summary>
internal sealed record WaitSpec(TemplateText Duration) : StepSpec
{
    public override string Kind => WaitStep.Name;
}
