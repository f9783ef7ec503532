using Runbook.Planning;

namespace Runbook.Diffing;

/// <summary>
/// Compares rendered commands keyed by host (or by batch): keys present on both sides whose text changed, grouped by
/// the change, so a change that is the same everywhere is shown once ("on all 3 hosts") instead of once per host.
/// In the compact form (a summary that must fit a comment) changes of the same shape are grouped too: the same words
/// removed and added in commands that differ elsewhere (a gate naming its batch's hosts) are one change, shown once
/// with the keys it was made under as ranges.
/// </summary>
internal static class CommandChanges
{
    public static List<DiffLine> Compare(
        IReadOnlyList<KeyValuePair<string, string>> before,
        IReadOnlyList<KeyValuePair<string, string>> after,
        int depth,
        string preposition,
        string noun,
        string plural,
        bool compact = false
    )
    {
        var old = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, text) in before)
            old.TryAdd(key, text);
        var common = after.Where(a => old.ContainsKey(a.Key)).ToList();
        var groups = common.Where(a => old[a.Key] != a.Value).GroupBy(a => (Old: old[a.Key], New: a.Value)).ToList();
        var lines = new List<DiffLine>();
        if (compact)
        {
            var shapes = groups.GroupBy(g => WordDiff.Shape(g.Key.Old, g.Key.New)).ToList();
            foreach (var shape in shapes)
            {
                var keys = shape.SelectMany(g => g).Select(g => g.Key).ToList();
                var all = shapes.Count == 1 && keys.Count == common.Count && keys.Count > 1;
                var where = $"{preposition} {(all ? "all " : string.Empty)}{Counted(keys.Count, noun, plural)}";
                var first = shape.First();
                if (shape.Count() == 1)
                {
                    lines.Add(DiffLine.Note(depth, $"command changed {where} ({HostList.Compact(keys)}):"));
                    lines.AddRange(Lines(first.Key.Old, first.Key.New, depth + 1));
                    continue;
                }

                var shown = $"{noun} {first.First().Key}";
                lines.Add(DiffLine.Note(depth, $"same change {where} ({HostList.Compact(keys)}), shown for {shown}:"));
                lines.AddRange(Lines(first.Key.Old, first.Key.New, depth + 1));
            }

            return lines;
        }

        foreach (var group in groups)
        {
            var keys = group.Select(g => g.Key).ToList();
            var where =
                groups.Count == 1 && keys.Count == common.Count && keys.Count > 1
                    ? $"{preposition} all {keys.Count} {plural}"
                    : $"{preposition} {(keys.Count == 1 ? noun : plural)} {string.Join(", ", keys)}";
            lines.Add(DiffLine.Note(depth, $"command changed {where}:"));
            lines.AddRange(Lines(group.Key.Old, group.Key.New, depth + 1));
        }

        return lines;
    }

    /// <summary>The commands of an added or removed step or gate: once when they are all the same, else per key.</summary>
    public static List<DiffLine> Listing(
        IReadOnlyList<KeyValuePair<string, string>> commands,
        int depth,
        char mark,
        bool compact = false
    )
    {
        var lines = new List<DiffLine>();
        var distinct = commands.Select(c => c.Value).Distinct(StringComparer.Ordinal).ToList();
        if (distinct.Count == 1)
        {
            lines.AddRange(distinct[0].Split('\n').Select(l => new DiffLine(depth, mark, "$ " + l)));
            return lines;
        }

        var shown = compact ? commands.Take(1) : commands;
        foreach (var (key, text) in shown)
        {
            lines.Add(new DiffLine(depth, mark, $"on {key}:"));
            lines.AddRange(text.Split('\n').Select(l => new DiffLine(depth + 1, mark, "$ " + l)));
        }

        if (compact && commands.Count > 1)
        {
            var rest = HostList.Compact(commands.Skip(1).Select(c => c.Key).ToList());
            lines.Add(
                DiffLine.Note(depth, $"and on {commands.Count - 1} more, each its own command (left out): {rest}")
            );
        }

        return lines;
    }

    /// <summary>
    /// The line diff of a command, with a word diff under each line replaced by one line, so a change far to the
    /// right of a long command shows at the left too.
    /// </summary>
    private static List<DiffLine> Lines(string before, string after, int depth)
    {
        var diff = LineDiff.Compare(before.Split('\n'), after.Split('\n'), depth);
        var lines = new List<DiffLine>();
        for (var i = 0; i < diff.Count; i++)
        {
            lines.Add(diff[i]);
            var removed = diff[i].Mark == '-' && (i == 0 || diff[i - 1].Mark != '-');
            if (!removed || i + 1 >= diff.Count || diff[i + 1].Mark != '+')
                continue;
            if (
                (i + 2 < diff.Count && diff[i + 2].Mark == '+')
                || WordDiff.Note(diff[i].Text, diff[i + 1].Text) is not { } note
            )
                continue;
            lines.Add(diff[++i]);
            lines.Add(DiffLine.Note(depth, note));
        }

        return lines;
    }

    private static string Counted(int count, string noun, string plural) =>
        count == 1 ? $"1 {noun}" : $"{count} {plural}";
}
