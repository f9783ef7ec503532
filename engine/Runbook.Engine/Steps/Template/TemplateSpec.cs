using Runbook.Model;
using Runbook.Steps.Files;

namespace Runbook.Steps.Template;

/// <summary>
/// 'template: { src, dest, mode, owner, group, secret }': a Liquid template file on the controller (relative to the
/// runbook file), rendered for each host with the step's context and written there. <see cref="Body"/> is the file's
/// text, positioned in that file, so its errors point into it.
/// </summary>
internal sealed record TemplateSpec(FilePlacementSpec Place, bool Secret, LocalFile File, TemplateText Body) : StepSpec
{
    public override string Kind => TemplateStep.Name;
}
