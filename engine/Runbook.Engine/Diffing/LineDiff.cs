namespace Runbook.Diffing;

/// <summary>A line diff by longest common subsequence: small inputs (commands, batch lists), so quadratic is fine.</summary>
internal static class LineDiff
{
    public static List<DiffLine> Compare(IReadOnlyList<string> before, IReadOnlyList<string> after, int depth)
    {
        var lcs = new int[before.Count + 1, after.Count + 1];
        for (var i = before.Count - 1; i >= 0; i--)
        {
            for (var j = after.Count - 1; j >= 0; j--)
            {
                lcs[i, j] = before[i] == after[j] ? lcs[i + 1, j + 1] + 1 : Math.Max(lcs[i + 1, j], lcs[i, j + 1]);
            }
        }

        var lines = new List<DiffLine>();
        int a = 0,
            b = 0;
        while (a < before.Count || b < after.Count)
        {
            if (a < before.Count && b < after.Count && before[a] == after[b])
            {
                lines.Add(new DiffLine(depth, DiffLine.Context, before[a++]));
                b++;
            }
            else if (b >= after.Count || (a < before.Count && lcs[a + 1, b] >= lcs[a, b + 1]))
            {
                lines.Add(new DiffLine(depth, '-', before[a++]));
            }
            else
            {
                lines.Add(new DiffLine(depth, '+', after[b++]));
            }
        }

        return lines;
    }
}
