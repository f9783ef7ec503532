using Runbook.Graph;

namespace Runbook.Steps.Run;

public sealed record RunWork(Command Shell) : StepWork
{
    public override string Kind => RunStep.Name;

    public override Command Command => Shell;

    public override Command Effect => Shell;
}
