using Runbook.Graph;
using Runbook.Model;

namespace Runbook.Steps.Wait;

public sealed record WaitWork(Duration Duration) : StepWork
{
    public override string Kind => WaitStep.Name;

    public override Command? Command => null;
}
