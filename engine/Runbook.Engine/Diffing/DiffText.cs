using Runbook.Planning;

namespace Runbook.Diffing;

/// <summary>Phrases shared by the text and markdown diffs, so both say the same thing the same way.</summary>
internal static class DiffText
{
    public const string NoChange = "no change to the plan";

    public static string Summary(DiffResult diff)
    {
        if (!diff.Changed)
            return NoChange;
        var parts = new List<string>();
        var changed = diff.Phases.Count(p => p.Status == PhaseStatus.Changed);
        var added = diff.Phases.Count(p => p.Status == PhaseStatus.Added);
        var removed = diff.Phases.Count(p => p.Status == PhaseStatus.Removed);
        if (changed > 0)
            parts.Add(PlanText.Count(changed, "phase") + " changed");
        if (added > 0)
            parts.Add(PlanText.Count(added, "phase") + " added");
        if (removed > 0)
            parts.Add(PlanText.Count(removed, "phase") + " removed");
        if (diff.Header.Count > 0)
            parts.Add("settings changed");
        parts.Add(diff.UnchangedPhases + " unchanged");
        var risks = diff.Risks.Count == 0 ? "no risk notes" : PlanText.Count(diff.Risks.Count, "risk note");
        return $"plan changed: {string.Join(", ", parts)}; {risks}";
    }

    public static string Heading(PhaseDiff phase) =>
        phase.Status switch
        {
            PhaseStatus.Added => $"phase {phase.HeadNumber} {phase.Name}: added",
            PhaseStatus.Removed => $"phase {phase.Name} (was {phase.BaseNumber}): removed",
            _ => $"phase {phase.HeadNumber} {phase.Name}: changed",
        };

    /// <summary>A line as text: indented two spaces per level, its mark before the text.</summary>
    public static string Indented(DiffLine line, int outdent = 0) =>
        new string(' ', 2 * Math.Max(0, line.Depth - outdent))
        + line.Mark switch
        {
            ' ' => string.Empty,
            DiffLine.Context => "  ",
            _ => line.Mark + " ",
        }
        + line.Text;

    /// <summary>A line in a ```diff block: the mark in the first column, so '-' and '+' lines are coloured.</summary>
    public static string DiffBlock(DiffLine line, int outdent) =>
        (line.Mark == DiffLine.Context ? ' ' : line.Mark)
        + new string(' ', 1 + 2 * Math.Max(0, line.Depth - outdent))
        + line.Text;
}
