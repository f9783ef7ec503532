using System.Collections.Concurrent;

namespace Runbook.Execution;

/// <summary>
/// The run's failure accounting in one place: which hosts failed and how, what counts against each batch, the
/// max_failures / max_fail_percent rule, and the run's outcome from its failures. Hosts of a batch record their
/// failures concurrently, so both tallies are concurrent.
/// </summary>
internal sealed class FailureLedger
{
    private readonly ConcurrentDictionary<string, StepStatus> _hosts = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<string, StepStatus>> _batches = new(
        StringComparer.Ordinal
    );

    /// <summary>
    /// A host failed a step (or could not be reached) in <paramref name="batch"/>: it counts against the batch and
    /// runs nothing more in this run.
    /// </summary>
    public void Fail(string batch, string host, StepStatus status)
    {
        Batch(batch)[host] = status;
        _hosts[host] = status;
    }

    /// <summary>
    /// An on: any(...) step found no reachable candidate: it counts against the batch under its target's name, but
    /// stops no host, since none of them failed a step.
    /// </summary>
    public void FailTarget(string batch, string target) => Batch(batch)[target] = StepStatus.Unreachable;

    public bool HasFailed(string host) => _hosts.ContainsKey(host);

    /// <summary>How the host failed in this run; null when it has not.</summary>
    public StepStatus? StatusOf(string host) => _hosts.TryGetValue(host, out var status) ? status : null;

    /// <summary>
    /// Null while the batch's failures are within its phase's tolerance (max_fail_percent of the batch's hosts, rounded
    /// down, or else max_failures); otherwise why the rollout stops: unreachable when every failure was one.
    /// </summary>
    public RunOutcome? Judge(string batch, int hosts, int maxFailures, int? maxFailPercent)
    {
        var failed = _batches.TryGetValue(batch, out var f) ? f : null;
        var allowed = maxFailPercent is { } percent ? hosts * percent / 100 : maxFailures;
        if (failed is null || failed.Count <= allowed)
            return null;
        return Worst(failed.Values);
    }

    /// <summary>Whether anything failed in <paramref name="batch"/> (within its tolerance or not).</summary>
    public bool AnyFailed(string batch) => _batches.TryGetValue(batch, out var f) && !f.IsEmpty;

    /// <summary>The run's outcome when every phase ran to its end: succeeded unless some host failed.</summary>
    public RunOutcome Outcome => _hosts.IsEmpty ? RunOutcome.Succeeded : Worst(_hosts.Values);

    private static RunOutcome Worst(ICollection<StepStatus> failures) =>
        failures.All(s => s == StepStatus.Unreachable) ? RunOutcome.Unreachable : RunOutcome.StepFailed;

    private ConcurrentDictionary<string, StepStatus> Batch(string batch) =>
        _batches.GetOrAdd(batch, _ => new(StringComparer.Ordinal));
}
