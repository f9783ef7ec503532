using System.Collections.Immutable;
using Runbook.Graph;

namespace Runbook.Planning;

/// <summary>
/// The ordering edges of the graph, for the JSON plan only: the executor runs phases, batches and segments in their
/// order and needs no edges, so they are computed when the JSON plan is written, not carried by the graph. Join nodes
/// (<c>p1.b2.start</c>, <c>p1.b2.done</c>, <c>p1.b2.passed</c>) keep the edge count linear in the number of steps: a
/// batch of n hosts after a batch of m hosts needs n + m edges, not n × m. Preconditions run between
/// <c>start</c> and <c>ready</c>, each host's 'finally' between <c>done</c> and <c>cleaned</c>; an edge into an
/// 'on_failure' list is marked "failed" (taken only when the step it leaves failed).
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
            if (!batch.Preconditions.IsEmpty)
            {
                // Checked in order before anything of the batch runs.
                join = batch.Id + ".ready";
                Chain(edges, start, batch.Preconditions.Select(p => p.Id), join);
            }

            var done = batch.Id + ".done";
            var segments = batch.StepSegments.ToList();
            for (var s = 0; s < segments.Count; s++)
            {
                var next = s == segments.Count - 1 ? done : $"{batch.Id}.join{s + 1}";
                switch (segments[s])
                {
                    case HostStepsSegment hosts:
                        foreach (var sequence in hosts.Hosts)
                        {
                            Chain(edges, join, sequence.Steps.Select(n => n.Id), next);
                            OnFailure(edges, batch.CleanupOf(sequence.Host), sequence.Steps, done);
                        }

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
                edges.Add(new GraphEdge(join, done));
            var checkedFrom = Finally(edges, batch, done);
            var passed = batch.Id + ".passed";
            foreach (var gate in batch.Gates)
                Chain(edges, checkedFrom, [gate.Id], passed);
            if (batch.Gates.IsEmpty)
                edges.Add(new GraphEdge(checkedFrom, passed));
            previous = passed;
        }

        return edges.ToImmutable();
    }

    /// <summary>A host's 'on_failure' list runs after any of its steps failed: an edge marked "failed" from each
    /// step to the list's first step, then the list in order, then the batch's end.</summary>
    private static void OnFailure(
        ImmutableArray<GraphEdge>.Builder edges,
        HostCleanup? cleanup,
        IEnumerable<StepNode> steps,
        string done
    )
    {
        if (cleanup is not { OnFailure.IsEmpty: false })
            return;
        var first = cleanup.OnFailure[0].Id;
        foreach (var step in steps)
            edges.Add(new GraphEdge(step.Id, first, "failed"));
        Chain(edges, first, cleanup.OnFailure.Skip(1).Select(n => n.Id), done);
    }

    /// <summary>Each host's 'finally' list runs once the batch's steps are done, before the gates; returns the node
    /// the gates follow.</summary>
    private static string Finally(ImmutableArray<GraphEdge>.Builder edges, BatchNode batch, string done)
    {
        var due = batch.Cleanup.Where(c => !c.Finally.IsEmpty).ToList();
        if (due.Count == 0)
            return done;
        var cleaned = batch.Id + ".cleaned";
        foreach (var cleanup in due)
            Chain(edges, done, cleanup.Finally.Select(n => n.Id), cleaned);
        return cleaned;
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
