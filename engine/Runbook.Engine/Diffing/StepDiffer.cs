using Runbook.Graph;

namespace Runbook.Diffing;

/// <summary>The step and gate changes of a phase present on both sides.</summary>
internal static class StepDiffer
{
    /// <summary>The changes to one of the phase's step lists: its steps, 'on_failure' or 'finally'.</summary>
    public static IEnumerable<DiffLine> Steps(
        PhaseNode before,
        PhaseNode after,
        StepList list = StepList.Steps,
        bool compact = false
    )
    {
        var pairs = Matcher.Pair(StepView.Of(before, list), StepView.Of(after, list), s => s.Name, s => s.Content);
        foreach (var pair in pairs)
        {
            if (pair.Before is null || pair.After is null)
            {
                var (step, mark) = pair.After is null ? (pair.Before!, '-') : (pair.After, '+');
                yield return new DiffLine(1, mark, step.Header);
                foreach (var line in CommandChanges.Listing(step.Commands, 2, mark, compact))
                    yield return line;
                continue;
            }

            var lines = new List<DiffLine>();
            if (pair.Renamed)
                lines.Add(DiffLine.Note(2, $"renamed from '{pair.Before.Name}'"));
            if (pair.Moved)
                lines.Add(DiffLine.Note(2, $"moved: was step {pair.Before.Number}, now step {pair.After.Number}"));
            lines.AddRange(StepNotes.Compare(pair.Before, pair.After));
            if (pair.Before.Attributes != pair.After.Attributes)
            {
                lines.Add(new DiffLine(2, '-', $"[{pair.Before.Attributes}]"));
                lines.Add(new DiffLine(2, '+', $"[{pair.After.Attributes}]"));
            }

            lines.AddRange(
                CommandChanges.Compare(pair.Before.Commands, pair.After.Commands, 2, "on", "host", "hosts", compact)
            );
            lines.AddRange(ContentChanges.Compare(pair.Before.Contents, pair.After.Contents, 2));
            if (lines.Count == 0)
                continue;
            yield return DiffLine.Note(1, pair.After.Header);
            foreach (var line in lines)
                yield return line;
        }
    }

    /// <summary>The changes to the phase's gates, or to its preconditions.</summary>
    public static IEnumerable<DiffLine> Gates(
        PhaseNode before,
        PhaseNode after,
        bool preconditions = false,
        bool compact = false
    )
    {
        var pairs = Matcher.Pair(
            GateView.Of(before, preconditions),
            GateView.Of(after, preconditions),
            g => g.Name,
            g => g.Pairing
        );
        foreach (var pair in pairs)
        {
            if (pair.Before is null || pair.After is null)
            {
                var (gate, mark) = pair.After is null ? (pair.Before!, '-') : (pair.After, '+');
                yield return new DiffLine(1, mark, gate.Header);
                foreach (var line in CommandChanges.Listing(gate.Commands, 2, mark, compact))
                    yield return line;
                continue;
            }

            var lines = new List<DiffLine>();
            if (pair.Renamed)
                lines.Add(DiffLine.Note(2, $"renamed from \"{pair.Before.Name}\""));
            if (pair.Moved)
                lines.Add(DiffLine.Note(2, "moved: now runs in another order"));
            if (pair.Before.Check != pair.After.Check)
            {
                lines.Add(new DiffLine(2, '-', $"on {pair.Before.Check}"));
                lines.Add(new DiffLine(2, '+', $"on {pair.After.Check}"));
            }

            lines.AddRange(
                CommandChanges.Compare(pair.Before.Commands, pair.After.Commands, 2, "in", "batch", "batches", compact)
            );
            if (lines.Count == 0)
                continue;
            yield return DiffLine.Note(1, $"{pair.After.Noun} \"{pair.After.Name}\"");
            foreach (var line in lines)
                yield return line;
        }
    }
}
