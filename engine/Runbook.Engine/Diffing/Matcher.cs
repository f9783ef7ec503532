namespace Runbook.Diffing;

/// <summary>
/// Pairs the items of a base list with those of a head list: first by name, then (among the rest) by content, which
/// finds renames. Pairs come in head order, each removed item right after the pair before it in base order. An item is
/// moved when it is not on the longest run of pairs whose base order matches their head order.
/// </summary>
internal static class Matcher
{
    public static List<Match<T>> Pair<T>(
        IReadOnlyList<T> before,
        IReadOnlyList<T> after,
        Func<T, string> name,
        Func<T, string> content
    )
        where T : class
    {
        var baseOf = new int?[after.Count];
        var taken = new bool[before.Count];
        MatchBy(before, after, name, baseOf, taken);
        MatchBy(before, after, content, baseOf, taken);

        var moved = Moved(baseOf);
        var slots = new List<(double Position, int Tie, Match<T> Match)>();
        for (var j = 0; j < after.Count; j++)
        {
            var b = baseOf[j] is { } i ? before[i] : null;
            slots.Add(
                (
                    j,
                    0,
                    new Match<T>(
                        b,
                        after[j],
                        baseOf[j] is { } k && name(before[k]) != name(after[j]),
                        moved.Contains(j)
                    )
                )
            );
        }

        for (var i = 0; i < before.Count; i++)
        {
            if (taken[i])
                continue;
            var previous = -1.0;
            for (var j = 0; j < after.Count; j++)
            {
                if (baseOf[j] is { } k && k < i)
                    previous = Math.Max(previous, j);
            }

            slots.Add((previous + 0.5, i, new Match<T>(before[i], null, false, false)));
        }

        return [.. slots.OrderBy(s => s.Position).ThenBy(s => s.Tie).Select(s => s.Match)];
    }

    private static void MatchBy<T>(
        IReadOnlyList<T> before,
        IReadOnlyList<T> after,
        Func<T, string> key,
        int?[] baseOf,
        bool[] taken
    )
    {
        for (var j = 0; j < after.Count; j++)
        {
            if (baseOf[j] is not null)
                continue;
            for (var i = 0; i < before.Count; i++)
            {
                if (taken[i] || key(before[i]) != key(after[j]))
                    continue;
                baseOf[j] = i;
                taken[i] = true;
                break;
            }
        }
    }

    /// <summary>Head indexes of pairs off the longest increasing subsequence of base indexes.</summary>
    private static HashSet<int> Moved(int?[] baseOf)
    {
        var heads = Enumerable.Range(0, baseOf.Length).Where(j => baseOf[j] is not null).ToList();
        var length = new int[heads.Count];
        var prev = new int[heads.Count];
        var best = -1;
        for (var x = 0; x < heads.Count; x++)
        {
            length[x] = 1;
            prev[x] = -1;
            for (var y = 0; y < x; y++)
            {
                if (baseOf[heads[y]] < baseOf[heads[x]] && length[y] + 1 > length[x])
                {
                    length[x] = length[y] + 1;
                    prev[x] = y;
                }
            }

            if (best < 0 || length[x] > length[best])
                best = x;
        }

        var kept = new HashSet<int>();
        for (var x = best; x >= 0; x = prev[x])
            kept.Add(heads[x]);
        return [.. heads.Where(h => !kept.Contains(h))];
    }
}
