using Runbook.Planning;

namespace Runbook.Diffing;

/// <summary>
/// How much a markdown diff that is over its character limit still shows, from the most to the least: each phase's
/// compact lines (same-shaped changes said once), then at most <see cref="LinesPerPhase"/> of them, then only the
/// phases' headings, with at most <see cref="Risks"/> risk notes. The renderer tries them in <see cref="Steps"/>' order
/// and posts the first that fits.
/// </summary>
internal sealed record DiffSummary(int FullLength, int MaxChars, int? LinesPerPhase, bool PhasesOnly, int? Risks)
{
    private static readonly int[] LineCuts = [400, 200, 100, 50, 25, 12, 6, 3];
    private static readonly int[] RiskCuts = [50, 20, 10, 5, 2, 0];

    public static IEnumerable<DiffSummary> Steps(int fullLength, int maxChars)
    {
        yield return new DiffSummary(fullLength, maxChars, null, false, null);
        foreach (var cut in LineCuts)
            yield return new DiffSummary(fullLength, maxChars, cut, false, null);
        yield return new DiffSummary(fullLength, maxChars, null, true, null);
        foreach (var cut in RiskCuts)
            yield return new DiffSummary(fullLength, maxChars, null, true, cut);
    }

    /// <summary>A phase's lines in the summary: compact, cut to <paramref name="max"/> with a note of the
    /// rest.</summary>
    public static IReadOnlyList<DiffLine> Lines(PhaseDiff phase, int? max)
    {
        var lines = phase.Compact ?? phase.Lines;
        if (max is not { } m || lines.Count <= m)
            return lines;
        return [.. lines.Take(m), DiffLine.Note(1, $"… {PlanText.Count(lines.Count - m, "more line")} left out")];
    }

    /// <summary>The summary's notice: why it is one, and what it leaves out.</summary>
    public string Notice(DiffResult diff)
    {
        var leftOut = new List<string>
        {
            "Changes made the same way in several batches or on several hosts are shown once, "
                + "with where they were made.",
        };
        if (PhasesOnly)
            leftOut.Add("The phases' changes are left out: only which phases changed is listed.");
        else if (LinesPerPhase is { } m)
        {
            var cut = diff.Phases.Sum(p => Math.Max(0, (p.Compact ?? p.Lines).Count - m));
            leftOut.Add($"{PlanText.Count(cut, "line")} of the phases' changes left out (at most {m} a phase).");
        }

        if (Risks is { } r && diff.Risks.Count > r)
            leftOut.Add($"{PlanText.Count(diff.Risks.Count - r, "risk note")} left out.");
        leftOut.Add("Run `runbook diff` for all of it.");
        return CharBudget.Notice("diff", FullLength, MaxChars, leftOut);
    }
}
