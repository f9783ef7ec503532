using Runbook.Graph;

namespace Runbook.Diffing;

/// <summary>
/// Compares what file steps put on their hosts, keyed by host: a change of text shown as a line diff around the lines
/// that changed; a secret, binary or large file only as "content changed" (its hash is in the step's attributes,
/// except a secret's, which nothing shows). The same change on several hosts is shown once, as commands are.
/// </summary>
internal static class ContentChanges
{
    /// <summary>Unchanged lines kept before and after each change.</summary>
    private const int Context = 2;

    public static List<DiffLine> Compare(
        IReadOnlyList<KeyValuePair<string, ContentView>> before,
        IReadOnlyList<KeyValuePair<string, ContentView>> after,
        int depth
    )
    {
        var old = new Dictionary<string, ContentView>(StringComparer.Ordinal);
        foreach (var (host, content) in before)
            old.TryAdd(host, content);
        var common = after.Where(a => old.ContainsKey(a.Key)).ToList();
        var groups = common
            .Where(a => old[a.Key].Digest != a.Value.Digest)
            .GroupBy(a => (Old: old[a.Key], New: a.Value))
            .ToList();
        var lines = new List<DiffLine>();
        foreach (var group in groups)
        {
            var hosts = group.Select(g => g.Key).ToList();
            var where =
                groups.Count == 1 && hosts.Count == common.Count && hosts.Count > 1
                    ? $"on all {hosts.Count} hosts"
                    : $"on {(hosts.Count == 1 ? "host" : "hosts")} {string.Join(", ", hosts)}";
            var (was, now) = group.Key;
            if (was.Text is null || now.Text is null)
            {
                var why = now.Hidden ?? was.Hidden;
                lines.Add(DiffLine.Note(depth, $"content changed {where} ({why}, not shown)"));
                continue;
            }

            lines.Add(DiffLine.Note(depth, $"content changed {where}:"));
            lines.AddRange(Trim(LineDiff.Compare(Lines(was.Text), Lines(now.Text), depth + 1), depth + 1));
        }

        return lines;
    }

    private static string[] Lines(string text) => text.TrimEnd('\n').Split('\n');

    /// <summary>The changed lines with <see cref="Context"/> unchanged lines around each; "…" where lines are left
    /// out.</summary>
    private static List<DiffLine> Trim(List<DiffLine> diff, int depth)
    {
        var keep = new bool[diff.Count];
        for (var i = 0; i < diff.Count; i++)
        {
            if (diff[i].Mark == DiffLine.Context)
                continue;
            for (var j = Math.Max(0, i - Context); j <= Math.Min(diff.Count - 1, i + Context); j++)
                keep[j] = true;
        }

        var lines = new List<DiffLine>();
        var skipped = false;
        for (var i = 0; i < diff.Count; i++)
        {
            if (!keep[i])
            {
                skipped = true;
                continue;
            }

            if (skipped && lines.Count > 0)
                lines.Add(DiffLine.Note(depth, "…"));
            skipped = false;
            lines.Add(diff[i]);
        }

        return lines;
    }
}
