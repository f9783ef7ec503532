using System.Text.RegularExpressions;
using Runbook.Diagnostics;
using Runbook.Graph;
using Runbook.Model;

namespace Runbook.Safety;

/// <summary>
/// RB1014, the wrong-node check: a batch with gates takes a host down, and nothing looks at that host afterwards.
/// A gate looks at a host when it runs there for sure (on: all(...) with the host among its candidates, or any(...)
/// with the host its first candidate, which is where it runs while that host is reachable) or when its check names
/// the host (its inventory name, or its address when no other host shares it), as '{{ batch.hosts }}' does. A
/// 'verify' step on the host after the step that took it down looks at it too. A gate on a fixed host or selector
/// that neither includes nor names the batch's hosts checks the same other host after every batch: it passes while
/// the host just restarted is still down. A batch without gates is not this rule's business.
/// </summary>
internal static class UncheckedHostRule
{
    private const string Verify = "verify"; // safety rules read the graph, not Steps/: the kind's key as written

    public static IEnumerable<RiskNote> Check(ExecutionGraph graph)
    {
        var names = Names(graph);
        foreach (var phase in graph.Phases)
        {
            var unchecked_ = new SortedSet<string>(StringComparer.Ordinal);
            var gates = new SortedSet<string>(StringComparer.Ordinal);
            foreach (var batch in phase.Batches.Where(b => !b.Gates.IsEmpty))
            {
                var steps = Disruption.HostSteps(batch).ToList();
                foreach (var host in Disruption.Hosts(graph, batch))
                {
                    var last = steps.FindLastIndex(x => x.Host == host && Disruption.TakesDown(x.Step, graph, host));
                    var verified = steps
                        .Skip(last + 1)
                        .Any(x => x.Host == host && x.Step.Kind == Verify && x.Step.SkipReason is null);
                    if (verified || batch.Gates.Any(g => LooksAt(g, host, names)))
                        continue;
                    unchecked_.Add(host);
                    gates.UnionWith(batch.Gates.Select(g => g.Name));
                }
            }

            if (unchecked_.Count == 0)
                continue;
            var hosts = unchecked_.ToList();
            var them = HostList.Them(hosts);
            var message =
                $"phase '{phase.Name}' takes {HostList.Of(hosts)} down, but nothing checks {them} afterwards: "
                + $"{GateList(gates, them)}, and no verify step runs on {them}";
            yield return new RiskNote(
                Codes.DisruptedHostUnchecked.Id,
                Severity.Warning,
                phase.Name,
                message,
                phase.Span
            );
        }
    }

    private static string GateList(SortedSet<string> gates, string them) =>
        gates.Count == 1
            ? $"gate '{gates.Min}' runs on another host and does not name {them}"
            : "gates " + string.Join(", ", gates.Select(g => $"'{g}'")) + $" run on other hosts and do not name {them}";

    private static bool LooksAt(GateNode gate, string host, Dictionary<string, Regex> names)
    {
        if (gate.Mode == TargetMode.Any ? gate.Candidates.FirstOrDefault() == host : gate.Candidates.Contains(host))
            return true;
        if (!names.TryGetValue(host, out var name))
            return false;
        return name.IsMatch(gate.Check.Command.Text) || gate.PerHost.Any(t => name.IsMatch(t.Check.Command.Text));
    }

    /// <summary>For each host, a pattern of its name and (unless shared) its address, as whole words.</summary>
    private static Dictionary<string, Regex> Names(ExecutionGraph graph)
    {
        var shared = graph
            .Endpoints.Values.GroupBy(e => e.Address, StringComparer.Ordinal)
            .Where(g => g.Count() > 1)
            .Select(g => g.Key)
            .ToHashSet(StringComparer.Ordinal);
        var result = new Dictionary<string, Regex>(StringComparer.Ordinal);
        foreach (var host in graph.HostRoles.Keys)
        {
            var words = new List<string> { Regex.Escape(host) };
            if (graph.Endpoints.TryGetValue(host, out var e) && e.Address != host && !shared.Contains(e.Address))
                words.Add(Regex.Escape(e.Address));
            result[host] = new Regex(
                $@"(?<![\w.-])(?:{string.Join("|", words)})(?![\w-]|\.\d)",
                RegexOptions.CultureInvariant
            );
        }

        return result;
    }
}
