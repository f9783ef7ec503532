using System.Text;
using Runbook.Graph;

namespace Runbook.Planning;

/// <summary>The plan for terminals and review: every phase, batch, host and rendered command, in execution order.</summary>
internal static class TextPlanRenderer
{
    public static string Render(ExecutionGraph graph)
    {
        var sb = new StringBuilder();
        sb.Append("runbook ").Append(graph.Runbook).Append('\n');
        if (graph.Description is { } d)
            sb.Append("  ").Append(d.Trim().Replace("\n", "\n  ", StringComparison.Ordinal)).Append('\n');
        sb.Append("inventory ")
            .Append(graph.Inventory)
            .Append(" (")
            .Append(PlanText.Count(graph.InventoryHosts, "host"))
            .Append(")\n");
        if (graph.Limit is { } limit)
            sb.Append($"limit {limit} ({graph.LimitedHosts} of {PlanText.Count(graph.InventoryHosts, "host")})\n");
        foreach (var p in graph.Params)
            sb.Append("param ").Append(PlanText.Params(p)).Append('\n');
        if (graph.Lock is { } clusterLock)
            sb.Append(PlanText.Lock(clusterLock)).Append('\n');
        sb.Append("plan hash ").Append(PlanHash.Of(graph).Hash).Append('\n');

        foreach (var phase in graph.Phases)
        {
            sb.Append('\n').Append($"phase {phase.Number}/{graph.Phases.Length}: {phase.Name}\n");
            if (phase.Description is { } pd)
                sb.Append("  ").Append(pd.Trim().Replace("\n", "\n  ", StringComparison.Ordinal)).Append('\n');
            sb.Append($"  hosts {phase.Selector} -> {PlanText.Hosts(phase.Hosts)}\n");
            sb.Append("  ").Append(PlanText.Serial(phase)).Append('\n');
            foreach (var accepted in PlanText.AcceptedRisks(phase))
                sb.Append("  ").Append(accepted).Append('\n');
            foreach (var batch in phase.Batches)
                Batch(sb, phase, batch);
        }

        return sb.ToString();
    }

    private static void Batch(StringBuilder sb, PhaseNode phase, BatchNode batch)
    {
        sb.Append($"\n  batch {phase.Number}.{batch.Number}/{phase.Batches.Length}: {PlanText.Hosts(batch.Hosts)}\n");
        foreach (var precondition in batch.Preconditions)
            Gate(sb, precondition);
        foreach (var segment in batch.StepSegments)
        {
            switch (segment)
            {
                case HostStepsSegment hosts:
                    foreach (var sequence in hosts.Hosts)
                    {
                        sb.Append("    host ").Append(sequence.Host).Append('\n');
                        if (sequence.Steps.IsEmpty)
                            sb.Append("      (no steps apply)\n");
                        foreach (var step in sequence.Steps)
                            Step(sb, step, "      ");
                    }

                    break;
                case OnceSegment once:
                    sb.Append($"    once on {once.Target}, first reachable of {PlanText.Hosts(once.Candidates)}\n");
                    foreach (var step in once.Steps)
                        Step(sb, step, "      ", once.PerHost.IsEmpty ? null : step.Host);
                    break;
                case BatchStepSegment perBatch:
                    sb.Append("    ").Append(PlanText.PerBatch).Append('\n');
                    Step(sb, perBatch.Step, "      ");
                    break;
            }
        }

        foreach (var cleanup in batch.Cleanup)
        {
            foreach (var (list, steps) in PlanText.Cleanup(cleanup))
            {
                sb.Append($"    {list} on {cleanup.Host}\n");
                foreach (var step in steps)
                    Step(sb, step, "      ");
            }
        }

        foreach (var gate in batch.Gates)
            Gate(sb, gate);
    }

    /// <summary>A gate, or a precondition (shown first in its batch).</summary>
    private static void Gate(StringBuilder sb, GateNode gate)
    {
        var who = gate.Mode == Model.TargetMode.Any ? "first reachable of" : "each of";
        var noun = PlanText.Noun(gate);
        sb.Append($"    {noun} \"{gate.Name}\" on {gate.Target}, {who} {PlanText.Hosts(gate.Candidates)}");
        sb.Append(gate.IncludedFrom is { } file ? $"  [from {file}]\n" : "\n");
        sb.Append("      ").Append(PlanText.Check(gate)).Append('\n');
        if (gate.PerHost.IsEmpty)
        {
            Command(sb, gate.Check.Command, "      ");
            return;
        }

        foreach (var target in gate.PerHost)
        {
            sb.Append("      on ").Append(target.Host).Append('\n');
            Command(sb, target.Check.Command, "        ");
        }
    }

    private static void Step(StringBuilder sb, StepNode step, string indent, string? host = null)
    {
        var on = host is null ? string.Empty : $" (on {host})";
        sb.Append(indent)
            .Append(step.Number)
            .Append(". ")
            .Append(step.Name)
            .Append(on)
            .Append("  [")
            .Append(PlanText.Attributes(step))
            .Append("]\n");
        if (step.Command is { } command)
            Command(sb, command, indent + "   ");
    }

    private static void Command(StringBuilder sb, Command command, string indent)
    {
        var first = true;
        foreach (var line in PlanText.CommandLines(command))
        {
            sb.Append(indent).Append(first ? "$ " : "  ").Append(line).Append('\n');
            first = false;
        }
    }
}
