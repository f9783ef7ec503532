using Runbook.Model;

namespace Runbook.Steps.Verify;

/// <summary>'verify: { run, expect, every, within }': a check on the host, retried until it holds or time runs
/// out.</summary>
internal sealed record VerifySpec(VerifyDefinition Check) : StepSpec
{
    public override string Kind => VerifyStep.Name;
}
