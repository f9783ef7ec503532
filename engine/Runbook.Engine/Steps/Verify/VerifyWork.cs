using Runbook.Graph;

namespace Runbook.Steps.Verify;

public sealed record VerifyWork(CheckNode Check) : StepWork
{
    public override string Kind => VerifyStep.Name;

    public override Command Command => Check.Command;
}
