namespace Runbook.Graph;

/// <summary>
/// A step that runs once for its whole batch, on the controller, between the hosts' steps before and after it (a
/// pause): every host of the batch finishes the stretch before it first, and none starts the stretch after it until it
/// is done. Its <see cref="StepNode.Host"/> names no inventory host.
/// </summary>
public sealed record BatchStepSegment(StepNode Step) : BatchSegment
{
    public override IEnumerable<StepNode> Steps => [Step];
}
