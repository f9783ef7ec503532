namespace Runbook.Execution;

/// <summary>A pause a run reached, as a front end asks about it.</summary>
/// <param name="Step">The pause's step id (p1.b2.s3): one per batch.</param>
/// <param name="Hosts">The batch's hosts: those that did the steps before the pause and do the steps after it.</param>
/// <param name="Message">What to check before approving (secrets masked).</param>
public sealed record ApprovalRequest(
    string RunId,
    string Phase,
    string Batch,
    IReadOnlyList<string> Hosts,
    string Step,
    string Name,
    string Message
);

/// <summary>
/// Asks a person to approve a pause, e.g. at the controller's terminal. The engine owns no console: a front end that
/// can ask gives one in <see cref="RunSettings.Approver"/>; without one, a pause not approved up front makes the run
/// stop, waiting for approval.
/// </summary>
public interface IApprover
{
    /// <summary>Who approved (recorded in the journal), or null when the answer was no: the run then waits.</summary>
    Task<string?> AskAsync(ApprovalRequest request, CancellationToken cancellationToken);
}

/// <summary>
/// Approval given before the run reaches a pause, recorded as given by <paramref name="By"/>: for the pause a resumed
/// run is waiting at, or, with <paramref name="EveryPause"/>, for every pause of the run.
/// </summary>
public sealed record ApprovalInAdvance(string By, bool EveryPause);
