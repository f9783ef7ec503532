namespace Runbook.Diffing;

/// <summary>
/// Compares rendered commands keyed by host (or by batch): keys present on both sides whose text changed, grouped by
/// the change, so a change that is the same everywhere is shown once ("on all 3 hosts") instead of once per host.
/// </summary>
internal static class CommandChanges
{
    public static List<DiffLine> Compare(
        IReadOnlyList<KeyValuePair<string, string>> before,
        IReadOnlyList<KeyValuePair<string, string>> after,
        int depth,
        string preposition,
        string noun,
        string plural
    )
    {
        var old = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, text) in before)
            old.TryAdd(key, text);
        var common = after.Where(a => old.ContainsKey(a.Key)).ToList();
        var groups = common.Where(a => old[a.Key] != a.Value).GroupBy(a => (Old: old[a.Key], New: a.Value)).ToList();
        var lines = new List<DiffLine>();
        foreach (var group in groups)
        {
            var keys = group.Select(g => g.Key).ToList();
            var where =
                groups.Count == 1 && keys.Count == common.Count && keys.Count > 1
                    ? $"{preposition} all {keys.Count} {plural}"
                    : $"{preposition} {(keys.Count == 1 ? noun : plural)} {string.Join(", ", keys)}";
            lines.Add(DiffLine.Note(depth, $"command changed {where}:"));
            lines.AddRange(LineDiff.Compare(group.Key.Old.Split('\n'), group.Key.New.Split('\n'), depth + 1));
        }

        return lines;
    }

    /// <summary>The commands of an added or removed step or gate: once when they are all the same, else per key.</summary>
    public static List<DiffLine> Listing(IReadOnlyList<KeyValuePair<string, string>> commands, int depth, char mark)
    {
        var lines = new List<DiffLine>();
        var distinct = commands.Select(c => c.Value).Distinct(StringComparer.Ordinal).ToList();
        if (distinct.Count == 1)
        {
            lines.AddRange(distinct[0].Split('\n').Select(l => new DiffLine(depth, mark, "$ " + l)));
            return lines;
        }

        foreach (var (key, text) in commands)
        {
            lines.Add(new DiffLine(depth, mark, $"on {key}:"));
            lines.AddRange(text.Split('\n').Select(l => new DiffLine(depth + 1, mark, "$ " + l)));
        }

        return lines;
    }
}
