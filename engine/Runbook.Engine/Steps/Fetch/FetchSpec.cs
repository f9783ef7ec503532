using Runbook.Model;

namespace Runbook.Steps.Fetch;

/// <summary>'fetch: { src, dest }': a file of the host copied to the controller, into <see cref="Dest"/> (a folder of
/// the run's directory) under a folder per host.</summary>
internal sealed record FetchSpec(TemplateText Src, string Dest) : StepSpec
{
    public override string Kind => FetchStep.Name;
}
