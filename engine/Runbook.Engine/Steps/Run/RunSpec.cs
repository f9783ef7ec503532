using Runbook.Model;

namespace Runbook.Steps.Run;

/// <summary>'run: COMMAND': a shell command on the host; it fails when it exits non-zero.</summary>
internal sealed record RunSpec(TemplateText Command) : StepSpec
{
    public override string Kind => RunStep.Name;

    public override TemplateText Effect => Command;
}
