namespace Runbook.Diffing;

/// <summary>
/// A line diff of two long texts (two JSON plans of a fleet) as hunks: the changed lines with
/// <see cref="ContextLines"/> lines of context, '…' between hunks, at most a given number of lines. Common lines at
/// both ends are cut first, then Myers' O((N+M)D) diff runs on the rest, up to <see cref="MaxEdits"/> edits (past
/// that the middle shows as removed, then added). This walk stays hand-written for that bound: two very different
/// JSON plans of 1,000 hosts are 10^5 lines each, and DiffPlex (<see cref="SequenceDiff"/>) has no edit limit.
/// </summary>
internal static class UnifiedDiff
{
    public const int ContextLines = 3;
    private const int MaxEdits = 2000;

    public static List<DiffLine> Compare(IReadOnlyList<string> before, IReadOnlyList<string> after, int maxLines)
    {
        var prefix = 0;
        while (prefix < before.Count && prefix < after.Count && before[prefix] == after[prefix])
            prefix++;
        var suffix = 0;
        while (
            suffix < before.Count - prefix
            && suffix < after.Count - prefix
            && before[before.Count - 1 - suffix] == after[after.Count - 1 - suffix]
        )
            suffix++;

        var a = before.Skip(prefix).Take(before.Count - prefix - suffix).ToList();
        var b = after.Skip(prefix).Take(after.Count - prefix - suffix).ToList();
        var middle =
            Myers(a, b)
            ?? [.. a.Select(l => new DiffLine(0, '-', l)), .. b.Select(l => new DiffLine(0, '+', l))];
        var all = new List<DiffLine>();
        all.AddRange(before.Take(prefix).Select(l => new DiffLine(0, DiffLine.Context, l)));
        all.AddRange(middle);
        all.AddRange(before.Skip(before.Count - suffix).Select(l => new DiffLine(0, DiffLine.Context, l)));
        return Hunks(all, maxLines);
    }

    /// <summary>Only the changes and their context; a note where lines were left out.</summary>
    private static List<DiffLine> Hunks(List<DiffLine> all, int maxLines)
    {
        var keep = new bool[all.Count];
        for (var i = 0; i < all.Count; i++)
        {
            if (all[i].Mark == DiffLine.Context)
                continue;
            for (var j = Math.Max(0, i - ContextLines); j <= Math.Min(all.Count - 1, i + ContextLines); j++)
                keep[j] = true;
        }

        var shown = new List<DiffLine>();
        var changes = all.Count(l => l.Mark != DiffLine.Context);
        var changesShown = 0;
        for (var i = 0; i < all.Count; i++)
        {
            if (!keep[i])
                continue;
            if (shown.Count >= maxLines)
            {
                shown.Add(DiffLine.Note(0, $"… {changes - changesShown} more changed lines not shown"));
                break;
            }

            if (shown.Count > 0 && !keep[i - 1])
                shown.Add(DiffLine.Note(0, "…"));
            shown.Add(all[i]);
            if (all[i].Mark != DiffLine.Context)
                changesShown++;
        }

        return shown;
    }

    /// <summary>Myers' shortest edit script, or null past <see cref="MaxEdits"/> edits.</summary>
    private static List<DiffLine>? Myers(List<string> a, List<string> b)
    {
        var (n, m) = (a.Count, b.Count);
        var max = n + m;
        var offset = max + 1;
        var v = new int[2 * max + 3];
        var trace = new List<int[]>();
        var found = -1;
        for (var d = 0; d <= Math.Min(max, MaxEdits) && found < 0; d++)
        {
            for (var k = -d; k <= d; k += 2)
            {
                var x =
                    k == -d || (k != d && v[offset + k - 1] < v[offset + k + 1])
                        ? v[offset + k + 1]
                        : v[offset + k - 1] + 1;
                var y = x - k;
                while (x < n && y < m && a[x] == b[y])
                    (x, y) = (x + 1, y + 1);
                v[offset + k] = x;
                if (x >= n && y >= m)
                    found = d;
            }

            // V for k in [-d, d] after step d: what the walk back reads.
            trace.Add(v[(offset - d)..(offset + d + 1)]);
        }

        if (found < 0)
            return null;
        var lines = new List<DiffLine>();
        var (cx, cy) = (n, m);
        for (var d = found; d > 0; d--)
        {
            var previous = trace[d - 1];
            int At(int k) => previous[k + d - 1];
            var k0 = cx - cy;
            var prevK = k0 == -d || (k0 != d && At(k0 - 1) < At(k0 + 1)) ? k0 + 1 : k0 - 1;
            var prevX = At(prevK);
            var prevY = prevX - prevK;
            while (cx > prevX && cy > prevY)
            {
                lines.Add(new DiffLine(0, DiffLine.Context, a[cx - 1]));
                (cx, cy) = (cx - 1, cy - 1);
            }

            if (cx == prevX)
                lines.Add(new DiffLine(0, '+', b[--cy]));
            else
                lines.Add(new DiffLine(0, '-', a[--cx]));
        }

        while (cx > 0 && cy > 0)
        {
            lines.Add(new DiffLine(0, DiffLine.Context, a[cx - 1]));
            (cx, cy) = (cx - 1, cy - 1);
        }

        lines.Reverse();
        return lines;
    }
}
