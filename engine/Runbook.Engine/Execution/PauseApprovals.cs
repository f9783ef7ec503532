using Runbook.Steps;

namespace Runbook.Execution;

/// <summary>
/// How the pauses of one run are decided: approved up front (every pause, or the one a resumed run waits at), asked
/// of a person (<see cref="IApprover"/>), or left waiting. Each decision is an event, so the journal records who
/// approved and how, or that the run waits. Pauses run one at a time (once per batch), so there is no locking.
/// </summary>
internal sealed class PauseApprovals(IApprover? approver, ApprovalInAdvance? advance, string? waitingAt)
{
    public static readonly PauseApprovals None = new(null, null, null);

    /// <summary>How a decision came about, as the journal and events word it.</summary>
    public const string Asked = "asked";
    public const string ForWaiting = "approved when resumed";
    public const string ForEvery = "approved in advance for every pause";
    public const string NobodyToAsk = "waiting for approval: nobody to ask";
    public const string Declined = "waiting for approval: not approved when asked";

    public const string Interrupted = "interrupted while asking";

    /// <summary>The pause's outcome: ok when approved, waiting when not (or nobody could be asked).</summary>
    public async Task<StepOutcome> DecideAsync(StepExecution execution, string message)
    {
        var step = execution.Step;
        if (advance is { EveryPause: true } every)
            return Approved(execution, every.By, ForEvery);
        if (advance is { } given && waitingAt == step.Id)
            return Approved(execution, given.By, ForWaiting);

        execution.Scope.Waiting(message);
        if (approver is null)
            return new StepOutcome(StepStatus.Waiting, Why: NobodyToAsk);
        var (phase, batch) = Where(execution);
        var request = new ApprovalRequest(
            execution.Run.Options.RunId,
            phase.Name,
            batch.Id,
            batch.Hosts,
            step.Id,
            step.Name,
            message
        );
        string? by;
        try
        {
            by = await approver.AskAsync(request, execution.Run.Control.Stopping);
        }
        catch (OperationCanceledException) when (execution.Run.Control.StopRequested)
        {
            return new StepOutcome(StepStatus.Interrupted, Why: Interrupted);
        }

        return by is null ? new StepOutcome(StepStatus.Waiting, Why: Declined) : Approved(execution, by, Asked);
    }

    private static StepOutcome Approved(StepExecution execution, string by, string how)
    {
        execution.Scope.Approved(by, how);
        return new StepOutcome(StepStatus.Ok, Why: $"approved by {by} ({how})");
    }

    private static (Graph.PhaseNode, Graph.BatchNode) Where(StepExecution execution)
    {
        foreach (var phase in execution.Run.Graph.Phases)
        {
            foreach (var batch in phase.Batches)
            {
                if (batch.Id == execution.Scope.Batch)
                    return (phase, batch);
            }
        }

        throw new InvalidOperationException($"no batch {execution.Scope.Batch} in the plan");
    }
}
