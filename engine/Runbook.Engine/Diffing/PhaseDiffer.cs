using Runbook.Graph;
using Runbook.Planning;

namespace Runbook.Diffing;

/// <summary>The lines that say how one phase changed: name, place, hosts, batching, failure tolerance, steps, gates.</summary>
internal static class PhaseDiffer
{
    public static List<DiffLine> Compare(Match<PhaseNode> pair, bool compact = false)
    {
        var (a, b) = (pair.Before!, pair.After!);
        var lines = new List<DiffLine>();
        if (pair.Renamed)
            lines.Add(DiffLine.Note(1, $"renamed from '{a.Name}'"));
        if (pair.Moved)
            lines.Add(DiffLine.Note(1, $"moved: was phase {a.Number}, now phase {b.Number}"));
        if (a.Description != b.Description)
        {
            lines.Add(DiffLine.Note(1, "description changed"));
            lines.AddRange(LineDiff.Compare(Lines(a.Description), Lines(b.Description), 2));
        }

        if (a.Selector != b.Selector)
            lines.Add(DiffLine.Note(1, $"selector {a.Selector} -> {b.Selector}"));
        if (!a.Hosts.SequenceEqual(b.Hosts))
        {
            lines.Add(DiffLine.Note(1, "hosts changed:"));
            lines.AddRange(LineDiff.Compare(a.Hosts, b.Hosts, 2));
        }

        if (a.Serial != b.Serial)
            lines.Add(DiffLine.Note(1, $"serial {a.Serial} -> {b.Serial}"));
        if (a.MaxFailures != b.MaxFailures)
            lines.Add(DiffLine.Note(1, $"max_failures {a.MaxFailures} -> {b.MaxFailures}"));
        if (a.MaxFailPercent != b.MaxFailPercent)
            lines.Add(DiffLine.Note(1, $"max_fail_percent {Percent(a.MaxFailPercent)} -> {Percent(b.MaxFailPercent)}"));
        var oldRisks = PlanText.AcceptedRisks(a).ToList();
        var newRisks = PlanText.AcceptedRisks(b).ToList();
        if (!oldRisks.SequenceEqual(newRisks))
        {
            lines.Add(DiffLine.Note(1, "accepted risks changed:"));
            lines.AddRange(LineDiff.Compare(oldRisks, newRisks, 2));
        }

        var oldBatches = Batches(a);
        var newBatches = Batches(b);
        if (!oldBatches.SequenceEqual(newBatches))
        {
            lines.Add(
                DiffLine.Note(
                    1,
                    $"batches changed: {PlanText.Count(a.Batches.Length, "batch")} -> "
                        + $"{PlanText.Count(b.Batches.Length, "batch")}"
                )
            );
            lines.AddRange(LineDiff.Compare(oldBatches, newBatches, 2));
        }

        lines.AddRange(StepDiffer.Gates(a, b, preconditions: true, compact));
        lines.AddRange(StepDiffer.Steps(a, b, StepList.Steps, compact));
        lines.AddRange(StepDiffer.Steps(a, b, StepList.OnFailure, compact));
        lines.AddRange(StepDiffer.Steps(a, b, StepList.Finally, compact));
        lines.AddRange(StepDiffer.Gates(a, b, preconditions: false, compact));
        return lines;
    }

    /// <summary>A phase only on one side: its hosts, batching and step names, all marked.</summary>
    public static List<DiffLine> Listing(PhaseNode phase, char mark, bool compact = false)
    {
        var lines = new List<DiffLine>
        {
            new(1, mark, $"hosts {phase.Selector} -> {PlanText.Hosts(phase.Hosts)}"),
            new(1, mark, PlanText.Serial(phase)),
        };
        lines.AddRange(PlanText.AcceptedRisks(phase).Select(r => new DiffLine(1, mark, r)));
        foreach (var precondition in GateView.Of(phase, preconditions: true))
            lines.Add(new DiffLine(1, mark, precondition.Header));
        foreach (var list in new[] { StepList.Steps, StepList.OnFailure, StepList.Finally })
        {
            foreach (var step in StepView.Of(phase, list))
            {
                lines.Add(new DiffLine(1, mark, step.Header));
                lines.AddRange(CommandChanges.Listing(step.Commands, 2, mark, compact));
            }
        }

        foreach (var gate in GateView.Of(phase))
            lines.Add(new DiffLine(1, mark, gate.Header));
        return lines;
    }

    private static List<string> Batches(PhaseNode phase) =>
        [.. phase.Batches.Select(b => $"batch {b.Number}: {PlanText.Hosts(b.Hosts)}")];

    private static string[] Lines(string? text) => text is null ? [] : text.Trim().Split('\n');

    private static string Percent(int? p) => p is { } v ? $"{v}%" : "none";
}
