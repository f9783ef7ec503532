namespace Runbook.Diffing;

/// <summary>A line diff of small texts (commands, batch lists, descriptions): every line, changed or not.</summary>
internal static class LineDiff
{
    public static List<DiffLine> Compare(IReadOnlyList<string> before, IReadOnlyList<string> after, int depth)
    {
        var lines = new List<DiffLine>();
        var (a, b) = (0, 0);
        foreach (var block in SequenceDiff.Blocks(before, after))
        {
            while (a < block.Before)
                lines.Add(new DiffLine(depth, DiffLine.Context, before[a++]));
            b = block.After + block.Added;
            for (; a < block.Before + block.Removed; a++)
                lines.Add(new DiffLine(depth, '-', before[a]));
            for (var i = block.After; i < b; i++)
                lines.Add(new DiffLine(depth, '+', after[i]));
        }

        while (a < before.Count)
            lines.Add(new DiffLine(depth, DiffLine.Context, before[a++]));
        return lines;
    }
}
