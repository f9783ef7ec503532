using System.Text;
using Runbook.Graph;

namespace Runbook.Planning;

/// <summary>The plan as a pull-request comment: a summary, then a collapsed section per batch.</summary>
internal static class MarkdownPlanRenderer
{
    public static string Render(ExecutionGraph graph)
    {
        var sb = new StringBuilder();
        sb.Append("## Plan: `").Append(graph.Runbook).Append("`\n\n");
        if (graph.Description is { } d) sb.Append(d.Trim()).Append("\n\n");
        sb.Append($"Inventory `{graph.Inventory}` ({PlanText.Count(graph.InventoryHosts, "host")}), {PlanText.Count(graph.Phases.Length, "phase")}, {PlanText.Count(graph.Phases.Sum(p => p.Batches.Length), "batch")}.\n\n");
        if (!graph.Params.IsEmpty)
        {
            sb.Append("| param | value | from |\n|---|---|---|\n");
            foreach (var p in graph.Params) sb.Append($"| `{p.Name}` | `{p.Display}` | {p.Source.ToString().ToLowerInvariant()} |\n");
            sb.Append('\n');
        }

        foreach (var phase in graph.Phases)
        {
            sb.Append($"### Phase {phase.Number}/{graph.Phases.Length}: {phase.Name}\n\n");
            if (phase.Description is { } pd) sb.Append(pd.Trim()).Append("\n\n");
            sb.Append($"Hosts `{phase.Selector}` → {PlanText.Hosts(phase.Hosts)}; {PlanText.Serial(phase)}.\n\n");
            foreach (var r in phase.AcceptedRisks) sb.Append($"> Accepts **{r.Code}** ({Safety.RiskAcceptance.Title(r.Code)}): {r.Reason}\n\n");
            foreach (var batch in phase.Batches)
            {
                sb.Append($"<details><summary>Batch {phase.Number}.{batch.Number}/{phase.Batches.Length}: {PlanText.Hosts(batch.Hosts)}</summary>\n\n");
                Batch(sb, batch);
                sb.Append("</details>\n\n");
            }
        }

        return sb.ToString();
    }

    private static void Batch(StringBuilder sb, BatchNode batch)
    {
        foreach (var segment in batch.StepSegments)
        {
            switch (segment)
            {
                case HostStepsSegment hosts:
                    foreach (var sequence in hosts.Hosts)
                    {
                        sb.Append($"**{sequence.Host}**\n\n");
                        foreach (var step in sequence.Steps) Step(sb, step);
                        sb.Append('\n');
                    }

                    break;
                case OnceSegment once:
                    sb.Append($"**once on `{once.Target}`**, first reachable of {PlanText.Hosts(once.Candidates)}\n\n");
                    foreach (var step in once.Steps) Step(sb, step);
                    sb.Append('\n');
                    break;
            }
        }

        foreach (var gate in batch.Gates)
        {
            sb.Append($"**gate** {gate.Name} on `{gate.Target}` ({PlanText.Hosts(gate.Candidates)}): {PlanText.Check(gate)}\n\n");
            foreach (var check in gate.PerHost.IsEmpty ? [gate.Check] : gate.PerHost.Select(t => t.Check))
            {
                Code(sb, check.Command, string.Empty);
                sb.Append('\n');
            }
        }
    }

    private static void Step(StringBuilder sb, StepNode step)
    {
        sb.Append($"{step.Number}. {step.Name} — {PlanText.Attributes(step)}\n");
        if (step.Command is { } command) Code(sb, command, "   ");
    }

    private static void Code(StringBuilder sb, Command command, string indent)
    {
        sb.Append(indent).Append("```sh\n");
        foreach (var line in PlanText.CommandLines(command)) sb.Append(indent).Append(line).Append('\n');
        sb.Append(indent).Append("```\n");
    }
}
