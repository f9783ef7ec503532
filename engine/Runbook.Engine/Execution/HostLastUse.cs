using Runbook.Graph;

namespace Runbook.Execution;

/// <summary>
/// For each batch of a plan, the hosts it is the last batch of (they run steps, are candidates of a once step, a gate
/// or a precondition there, and nowhere later): after it, their pinned connections (<see cref="HostConnections.Pin"/>)
/// go back under the pool's capacity.
/// </summary>
internal sealed class HostLastUse
{
    private readonly Dictionary<string, List<string>> _doneAfter = new(StringComparer.Ordinal);

    public HostLastUse(ExecutionGraph graph)
    {
        var last = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var batch in graph.Phases.SelectMany(p => p.Batches))
        {
            var hosts = batch
                .Hosts.Concat(batch.Preconditions.SelectMany(g => g.Candidates))
                .Concat(batch.Segments.SelectMany(Touched));
            foreach (var host in hosts)
                last[host] = batch.Id;
        }

        foreach (var (host, batch) in last)
        {
            if (!_doneAfter.TryGetValue(batch, out var hosts))
                _doneAfter[batch] = hosts = [];
            hosts.Add(host);
        }
    }

    private static IEnumerable<string> Touched(BatchSegment segment) =>
        segment switch
        {
            HostStepsSegment steps => steps.Hosts.Select(h => h.Host),
            OnceSegment once => once.Candidates,
            GateNode gate => gate.Candidates,
            _ => [],
        };

    /// <summary>The hosts the plan needs no more once <paramref name="batchId"/> is done.</summary>
    public IReadOnlyList<string> DoneAfter(string batchId) => _doneAfter.GetValueOrDefault(batchId) ?? [];
}
