using System.Collections.Immutable;
using Runbook.Graph;

namespace Runbook.Planning;

/// <summary>
/// The ordering edges of the graph, for the JSON plan only: the executor runs phases, batches and segments in their
/// order and needs no edges, so they are computed when the JSON plan is written, not carried by the graph. Join nodes
/// (<c>p1.b2.start</c>, <c>p1.b2.done</c>, <c>p1.b2.passed</c>) keep the edge count linear in the number of steps: a
/// batch of n hosts after a batch of m hosts needs n + m edges, not n × m.
/// </summary>
internal static class EdgeBuilder
{
    public static ImmutableArray<GraphEdge> Build(IEnumerable<PhaseNode> phases)
    {
        var edges = ImmutableArray.CreateBuilder<GraphEdge>();
        string? previous = null;
        foreach (var batch in phases.SelectMany(p => p.Batches))
        {
            var start = batch.Id + ".start";
            if (previous is not null)
                edges.Add(new GraphEdge(previous, start));
            var join = start;
            var segments = batch.StepSegments.ToList();
            for (var s = 0; s < segments.Count; s++)
            {
                var next = s == segments.Count - 1 ? batch.Id + ".done" : $"{batch.Id}.join{s + 1}";
                switch (segments[s])
                {
                    case HostStepsSegment hosts:
                        foreach (var sequence in hosts.Hosts)
                            Chain(edges, join, sequence.Steps.Select(n => n.Id), next);
                        break;
                    case OnceSegment once:
                        Chain(edges, join, [once.Step.Id], next);
                        break;
                    case BatchStepSegment perBatch:
                        Chain(edges, join, [perBatch.Step.Id], next);
                        break;
                }

                join = next;
            }

            if (segments.Count == 0)
                edges.Add(new GraphEdge(start, batch.Id + ".done"));
            var passed = batch.Id + ".passed";
            foreach (var gate in batch.Gates)
                Chain(edges, batch.Id + ".done", [gate.Id], passed);
            if (batch.Gates.IsEmpty)
                edges.Add(new GraphEdge(batch.Id + ".done", passed));
            previous = passed;
        }

        return edges.ToImmutable();
    }

    private static void Chain(ImmutableArray<GraphEdge>.Builder edges, string from, IEnumerable<string> ids, string to)
    {
        var last = from;
        foreach (var id in ids)
        {
            edges.Add(new GraphEdge(last, id));
            last = id;
        }

        edges.Add(new GraphEdge(last, to));
    }
}
