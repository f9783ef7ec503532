using System.Text;
using Runbook.Graph;

namespace Runbook.Planning;

/// <summary>
/// The plan as a pull-request comment: a hidden marker, a summary, then a collapsed section per batch. Every value from
/// the runbook or the inventory goes through <see cref="Markdown"/>, and the output ends with a blank line, so plans
/// posted or concatenated keep their structure whatever the names hold.
/// </summary>
internal static class MarkdownPlanRenderer
{
    public static string Render(ExecutionGraph graph)
    {
        var sb = new StringBuilder();
        Header(sb, graph);
        foreach (var phase in graph.Phases)
        {
            PhaseHeader(sb, graph, phase, Markdown.Text(PlanText.Hosts(phase.Hosts)));
            foreach (var batch in phase.Batches)
            {
                // <details> starts an HTML block: up to the blank line, the summary is HTML, not markdown.
                var hosts = Markdown.Html(PlanText.Hosts(batch.Hosts));
                sb.Append($"<details><summary>Batch {phase.Number}.{batch.Number}/{phase.Batches.Length}: ");
                sb.Append($"{hosts}</summary>\n\n");
                Batch(sb, batch);
                sb.Append("</details>\n\n");
            }
        }

        return sb.ToString();
    }

    /// <summary>The marker, the heading, the description, the inventory, the params and the lock.</summary>
    internal static void Header(StringBuilder sb, ExecutionGraph graph)
    {
        sb.Append(Markdown.Marker("plan", graph.Runbook, graph.Inventory));
        sb.Append("## Plan: ").Append(Markdown.Code(graph.Runbook)).Append("\n\n");
        if (graph.Description is { } d)
            sb.Append(Markdown.Block(d)).Append("\n\n");
        sb.Append($"Inventory {Markdown.Code(graph.Inventory)} ({PlanText.Count(graph.InventoryHosts, "host")}), ");
        if (graph.Limit is { } limit)
            sb.Append($"limited to {Markdown.Code(limit)} ({graph.LimitedHosts} of them), ");
        var batches = graph.Phases.Sum(p => p.Batches.Length);
        sb.Append($"{PlanText.Count(graph.Phases.Length, "phase")}, {PlanText.Count(batches, "batch")}.\n\n");
        sb.Append("Plan hash ").Append(Markdown.Code(PlanHash.Of(graph).Hash)).Append("\n\n");
        if (!graph.Params.IsEmpty)
        {
            sb.Append("| param | value | from |\n|---|---|---|\n");
            foreach (var p in graph.Params)
            {
                var source = p.Source.ToString().ToLowerInvariant();
                sb.Append($"| {Markdown.CodeCell(p.Name)} | {Markdown.CodeCell(p.Display)} | {source} |\n");
            }

            sb.Append('\n');
        }

        if (graph.Lock is { } clusterLock)
            sb.Append("Takes the cluster ").Append(Markdown.Text(PlanText.Lock(clusterLock))).Append(".\n\n");
    }

    /// <summary>A phase's heading, description, hosts (<paramref name="hosts"/>, markdown) and accepted
    /// risks.</summary>
    internal static void PhaseHeader(StringBuilder sb, ExecutionGraph graph, PhaseNode phase, string hosts)
    {
        sb.Append($"### Phase {phase.Number}/{graph.Phases.Length}: {Markdown.Text(phase.Name)}\n\n");
        if (phase.Description is { } pd)
            sb.Append(Markdown.Block(pd)).Append("\n\n");
        // The serial phrase is made of validated numbers and our own words: it needs no escaping.
        sb.Append($"Hosts {Markdown.Code(phase.Selector)} → {hosts}; {PlanText.Serial(phase)}.\n\n");
        foreach (var r in phase.AcceptedRisks)
        {
            var title = Safety.RiskAcceptance.Title(r.Code);
            sb.Append($"> Accepts **{r.Code}** ({title}): {Markdown.Text(r.Reason)}\n\n");
        }
    }

    internal static void Batch(StringBuilder sb, BatchNode batch)
    {
        foreach (var precondition in batch.Preconditions)
            Gate(sb, precondition);
        foreach (var segment in batch.StepSegments)
        {
            switch (segment)
            {
                case HostStepsSegment hosts:
                    foreach (var sequence in hosts.Hosts)
                    {
                        sb.Append($"**{Markdown.Text(sequence.Host)}**\n\n");
                        foreach (var step in sequence.Steps)
                            Step(sb, step);
                        sb.Append('\n');
                    }

                    break;
                case OnceSegment once:
                    var candidates = Markdown.Text(PlanText.Hosts(once.Candidates));
                    sb.Append($"**once on {Markdown.Code(once.Target)}**, first reachable of {candidates}\n\n");
                    foreach (var step in once.Steps)
                        Step(sb, step);
                    sb.Append('\n');
                    break;
                case BatchStepSegment perBatch:
                    sb.Append($"**{PlanText.PerBatch}**\n\n");
                    Step(sb, perBatch.Step);
                    sb.Append('\n');
                    break;
            }
        }

        foreach (var cleanup in batch.Cleanup)
        {
            foreach (var (list, steps) in PlanText.Cleanup(cleanup))
            {
                sb.Append($"**{list}** on **{Markdown.Text(cleanup.Host)}**\n\n");
                foreach (var step in steps)
                    Step(sb, step);
                sb.Append('\n');
            }
        }

        foreach (var gate in batch.Gates)
            Gate(sb, gate);
    }

    /// <summary>A gate, or a precondition (shown first in its batch).</summary>
    internal static void Gate(StringBuilder sb, GateNode gate, bool commands = true, bool compact = false)
    {
        var candidates = compact ? HostList.Compact(gate.Candidates) : PlanText.Hosts(gate.Candidates);
        sb.Append($"**{PlanText.Noun(gate)}** {Markdown.Text(gate.Name)} on {Markdown.Code(gate.Target)} ");
        sb.Append($"({Markdown.Text(candidates)}): {Markdown.Text(PlanText.Check(gate))}");
        sb.Append(gate.IncludedFrom is { } file ? $", from {Markdown.Code(file)}\n\n" : "\n\n");
        if (!commands)
            return;
        foreach (var check in gate.PerHost.IsEmpty ? [gate.Check] : gate.PerHost.Select(t => t.Check))
        {
            Code(sb, check.Command, string.Empty);
            sb.Append('\n');
        }
    }

    internal static void Step(StringBuilder sb, StepNode step, bool commands = true)
    {
        sb.Append($"{step.Number}. {Markdown.Text(step.Name)} — {Markdown.Text(PlanText.Attributes(step))}\n");
        if (commands && step.Command is { } command)
            Code(sb, command, "   ");
    }

    internal static void Code(StringBuilder sb, Command command, string indent)
    {
        var lines = PlanText.CommandLines(command).ToList();
        var fence = Markdown.Fence(lines);
        sb.Append(indent).Append(fence).Append("sh\n");
        foreach (var line in lines)
            sb.Append(indent).Append(line).Append('\n');
        sb.Append(indent).Append(fence).Append('\n');
    }
}
