using Runbook.Model;

namespace Runbook.Steps.Pause;

/// <summary>'pause: MESSAGE': the batch stops here until someone approves; the message says what to check.</summary>
internal sealed record PauseSpec(TemplateText Message) : StepSpec
{
    public override string Kind => PauseStep.Name;
}
