using System.Text;
using Runbook.Graph;

namespace Runbook.Planning;

/// <summary>
/// The markdown plan when it is over its character limit: batches of a phase that run the same steps and gates
/// (<see cref="PlanShapes"/>) become one section ("Batches 4.1–4.192"), shown for the first of them; hosts of a batch
/// that run the same steps are shown once; host lists become ranges. If that is still too long the commands are left
/// out, then every batch. A notice at the top says which, and the structure (marker, headings, sections, the blank
/// line at the end) is the full plan's, so the summary renders and concatenates like it.
/// </summary>
internal static class MarkdownPlanSummary
{
    /// <summary>How much a summary still shows.</summary>
    internal sealed record Detail(int FullLength, int MaxChars, bool Commands, bool Batches);

    public static IEnumerable<Detail> Steps(int fullLength, int maxChars) =>
        [
            new(fullLength, maxChars, Commands: true, Batches: true),
            new(fullLength, maxChars, Commands: false, Batches: true),
            new(fullLength, maxChars, Commands: false, Batches: false),
        ];

    public static string Render(ExecutionGraph graph, Detail detail)
    {
        var sb = new StringBuilder();
        MarkdownPlanRenderer.Header(sb, graph);
        var leftOut = new List<string>
        {
            "Batches that run the same steps and gates are shown once, for the first of them; the others differ only "
                + "in their own hosts' names and addresses. Hosts of a batch that run the same steps likewise.",
        };
        if (!detail.Batches)
            leftOut.Add("Every batch is left out: only the phases are listed.");
        else if (!detail.Commands)
            leftOut.Add("Commands are left out.");
        leftOut.Add("Run `runbook plan` for all of it.");
        sb.Append(CharBudget.Notice("plan", detail.FullLength, detail.MaxChars, leftOut));
        foreach (var phase in graph.Phases)
        {
            var hosts = $"{PlanText.Count(phase.Hosts.Length, "host")}: {HostList.Compact(phase.Hosts)}";
            MarkdownPlanRenderer.PhaseHeader(sb, graph, phase, Markdown.Text(hosts));
            if (!detail.Batches)
                continue;
            foreach (var group in PlanShapes.Group(phase.Batches, Parts, graph))
                Section(sb, graph, phase, group, detail.Commands);
        }

        return sb.ToString();
    }

    /// <summary>What is posted when not even the phases fit: the marker, the heading and the notice.</summary>
    public static string LastResort(ExecutionGraph graph, int fullLength, int maxChars)
    {
        var sb = new StringBuilder();
        sb.Append(Markdown.Marker("plan", graph.Runbook, graph.Inventory));
        sb.Append("## Plan: ").Append(Markdown.Code(graph.Runbook)).Append("\n\n");
        var batches = graph.Phases.Sum(p => p.Batches.Length);
        sb.Append($"{PlanText.Count(graph.Phases.Length, "phase")}, {PlanText.Count(batches, "batch")}.\n\n");
        sb.Append(CharBudget.Notice("plan", fullLength, maxChars, ["Everything else is left out."]));
        return sb.ToString();
    }

    private static void Section(
        StringBuilder sb,
        ExecutionGraph graph,
        PhaseNode phase,
        List<BatchNode> batches,
        bool commands
    )
    {
        var first = batches[0];
        var count = phase.Batches.Length;
        // <details> starts an HTML block: up to the blank line, the summary is HTML, not markdown.
        var hosts = Markdown.Html(HostList.Compact([.. batches.SelectMany(b => b.Hosts)]));
        if (batches.Count == 1)
        {
            sb.Append($"<details><summary>Batch {phase.Number}.{first.Number}/{count}: {hosts}</summary>\n\n");
        }
        else
        {
            var numbers = HostList.Compact([.. batches.Select(b => $"{phase.Number}.{b.Number}")]);
            sb.Append($"<details><summary>Batches {numbers} ({batches.Count} of {count}): {hosts}</summary>\n\n");
            sb.Append($"Shown for batch {phase.Number}.{first.Number} ");
            sb.Append(
                $"({Markdown.Text(HostList.Compact(first.Hosts))}); "
                    + $"the other {PlanText.Count(batches.Count - 1, "batch")} "
            );
            sb.Append("run the same steps and gates with their own hosts.\n\n");
        }

        Batch(sb, graph, first, commands);
        sb.Append("</details>\n\n");
    }

    /// <summary>
    /// A batch as the full plan shows it, cut into its preconditions, step segments, clean-up and gates: what batches
    /// are compared by, part by part.
    /// </summary>
    private static List<string> Parts(BatchNode batch)
    {
        var parts = new List<string>();
        foreach (var gate in batch.Preconditions)
            GateParts(parts, gate);
        foreach (var segment in batch.StepSegments)
            parts.Add(
                Render(sb =>
                    MarkdownPlanRenderer.Batch(
                        sb,
                        batch with
                        {
                            Segments = [segment],
                            Preconditions = [],
                            Cleanup = [],
                        }
                    )
                )
            );
        parts.Add(Render(sb => MarkdownPlanRenderer.Batch(sb, batch with { Segments = [], Preconditions = [] })));
        foreach (var gate in batch.Gates)
            GateParts(parts, gate);
        return parts;
    }

    /// <summary>
    /// A gate's heading and each of its commands apart: the heading lists its candidates (the same in every batch),
    /// a command may name the batch's hosts (different in every batch).
    /// </summary>
    private static void GateParts(List<string> parts, GateNode gate)
    {
        parts.Add(Render(sb => MarkdownPlanRenderer.Gate(sb, gate, commands: false)));
        foreach (var check in gate.PerHost.IsEmpty ? [gate.Check] : gate.PerHost.Select(t => t.Check))
            parts.Add(Render(sb => MarkdownPlanRenderer.Code(sb, check.Command, string.Empty)));
    }

    private static string Render(Action<StringBuilder> render)
    {
        var sb = new StringBuilder();
        render(sb);
        return sb.ToString();
    }

    private static void Batch(StringBuilder sb, ExecutionGraph graph, BatchNode batch, bool commands)
    {
        foreach (var precondition in batch.Preconditions)
            MarkdownPlanRenderer.Gate(sb, precondition, commands, compact: true);
        foreach (var segment in batch.StepSegments)
        {
            switch (segment)
            {
                case HostStepsSegment hosts:
                    foreach (var group in Runs(hosts.Hosts, s => s.Host, s => Steps(s.Steps, true), graph))
                    {
                        sb.Append($"**{Markdown.Text(group[0].Host)}**");
                        Others(sb, group.Skip(1).Select(s => s.Host).ToList());
                        foreach (var step in group[0].Steps)
                            MarkdownPlanRenderer.Step(sb, step, commands);
                        sb.Append('\n');
                    }

                    break;
                case OnceSegment once:
                    var candidates = Markdown.Text(HostList.Compact(once.Candidates));
                    sb.Append($"**once on {Markdown.Code(once.Target)}**, first reachable of {candidates}\n\n");
                    foreach (var step in once.Steps)
                        MarkdownPlanRenderer.Step(sb, step, commands);
                    sb.Append('\n');
                    break;
                case BatchStepSegment perBatch:
                    sb.Append($"**{PlanText.PerBatch}**\n\n");
                    MarkdownPlanRenderer.Step(sb, perBatch.Step, commands);
                    sb.Append('\n');
                    break;
            }
        }

        var lists = batch.Cleanup.SelectMany(c => PlanText.Cleanup(c).Select(l => (c.Host, l.List, l.Steps))).ToList();
        foreach (var kind in lists.Select(l => l.List).Distinct(StringComparer.Ordinal).ToList())
        {
            var ofKind = lists.Where(l => l.List == kind).ToList();
            foreach (var group in Runs(ofKind, l => l.Host, l => Steps(l.Steps, true), graph))
            {
                sb.Append($"**{kind}** on **{Markdown.Text(group[0].Host)}**");
                Others(sb, group.Skip(1).Select(l => l.Host).ToList());
                foreach (var step in group[0].Steps)
                    MarkdownPlanRenderer.Step(sb, step, commands);
                sb.Append('\n');
            }
        }

        foreach (var gate in batch.Gates)
            MarkdownPlanRenderer.Gate(sb, gate, commands, compact: true);
    }

    /// <summary>After a host's heading: the other hosts that run the same, then the blank line.</summary>
    private static void Others(StringBuilder sb, List<string> others)
    {
        if (others.Count > 0)
        {
            sb.Append(
                $", and the same on {PlanText.Count(others.Count, "more host")} with their own name and address: "
            );
            sb.Append(Markdown.Text(HostList.Compact(others)));
        }

        sb.Append("\n\n");
    }

    /// <summary>Consecutive items whose rendering is the same once their own host is masked.</summary>
    private static List<List<T>> Runs<T>(
        IEnumerable<T> items,
        Func<T, string> host,
        Func<T, string> render,
        ExecutionGraph graph
    )
    {
        var runs = new List<List<T>>();
        string? last = null;
        foreach (var item in items)
        {
            var shape = PlanShapes.Mask(render(item), [host(item)], graph);
            if (runs.Count > 0 && shape == last)
                runs[^1].Add(item);
            else
                runs.Add([item]);
            last = shape;
        }

        return runs;
    }

    private static string Steps(IEnumerable<StepNode> steps, bool commands)
    {
        var sb = new StringBuilder();
        foreach (var step in steps)
            MarkdownPlanRenderer.Step(sb, step, commands);
        return sb.ToString();
    }
}
