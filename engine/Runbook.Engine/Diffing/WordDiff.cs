using System.Text;

namespace Runbook.Diffing;

/// <summary>
/// Where two versions of one command line differ, word by word: long commands are shown whole on their '-' and '+'
/// lines, so a change far to the right sits off the edge of a terminal or a pull-request code block. The word diff is
/// a note under them, in <c>git diff --word-diff</c>'s notation ([-removed-]{+added+}), cut to a few words around
/// each change so it starts at the left. It stays inside the diff's code block: plain ASCII marks need no markdown
/// escaping and render the same in a terminal, a ```diff fence and the JSON diff.
/// </summary>
internal static class WordDiff
{
    /// <summary>
    /// Lines up to this long get no word diff: they fit a terminal and a pull-request code block with their
    /// indentation,
    /// so the change is in view on the '-' and '+' lines already.
    /// </summary>
    public const int Long = 60;

    /// <summary>Unchanged words kept on each side of a change.</summary>
    private const int Context = 2;

    /// <summary>One change: the words removed and added, and where it starts in each token list.</summary>
    public sealed record Hunk(int Before, string Removed, int After, string Added);

    /// <summary>The changes between two lines, in order; empty when they are equal.</summary>
    public static List<Hunk> Hunks(string before, string after)
    {
        var (a, b) = (Tokens(before), Tokens(after));
        return SequenceDiff
            .Blocks(a, b)
            .Select(h => new Hunk(
                h.Before,
                string.Concat(a.Skip(h.Before).Take(h.Removed)),
                h.After,
                string.Concat(b.Skip(h.After).Take(h.Added))
            ))
            .ToList();
    }

    /// <summary>
    /// What makes two changes the same change: the words removed and added, whatever surrounds them. A change made in
    /// every batch's gate command (which names the batch's hosts) has one shape.
    /// </summary>
    public static string Shape(string before, string after) =>
        string.Join("\u0001", Hunks(before, after).Select(h => h.Removed + "\u0002" + h.Added));

    /// <summary>
    /// The note line, e.g. <c>word diff: …rke2.yaml {+--request-timeout 10s+} get node…</c>; null when the lines
    /// are equal, short, or share no word (then the '-' and '+' lines say it all).
    /// </summary>
    public static string? Note(string before, string after)
    {
        if (Math.Max(before.Length, after.Length) <= Long)
            return null;
        var hunks = Hunks(before, after);
        var tokens = Tokens(after);
        if (hunks.Count == 0 || hunks.Sum(h => h.Added.Length + h.Removed.Length) >= before.Length + after.Length)
            return null;
        var sb = new StringBuilder("word diff: ");
        var shown = 0; // tokens of the head line written so far
        for (var k = 0; k < hunks.Count; k++)
        {
            var hunk = hunks[k];
            var from = Math.Max(shown, hunk.After - Words(tokens, hunk.After, -1));
            if (from > shown)
                sb.Append('…');
            sb.Append(string.Concat(tokens.Skip(from).Take(hunk.After - from)));
            // Spaces at either end of both sides are unchanged: shown outside the marks, not inside them.
            var (removed, added) = (hunk.Removed, hunk.Added);
            var (lead, trail) = (string.Empty, string.Empty);
            if (Spaced(removed, 0) && Spaced(added, 0))
            {
                lead = Edge(removed.Length > 0 ? removed : added, start: true);
                (removed, added) = (removed.TrimStart(), added.TrimStart());
            }

            if (Spaced(removed, ^1) && Spaced(added, ^1))
            {
                trail = Edge(removed.Length > 0 ? removed : added, start: false);
                (removed, added) = (removed.TrimEnd(), added.TrimEnd());
            }

            sb.Append(lead);
            if (removed.Length > 0)
                sb.Append("[-").Append(removed).Append("-]");
            if (added.Length > 0)
                sb.Append("{+").Append(added).Append("+}");
            sb.Append(trail);
            shown = hunk.After + Tokens(hunk.Added).Count;
            var to = Math.Min(tokens.Count, shown + Words(tokens, shown, +1));
            if (k + 1 < hunks.Count)
                to = Math.Min(to, hunks[k + 1].After);
            sb.Append(string.Concat(tokens.Skip(shown).Take(to - shown)));
            shown = to;
        }

        if (shown < tokens.Count)
            sb.Append('…');
        return sb.ToString();
    }

    /// <summary>Whether the text is empty or has a space at <paramref name="at"/>.</summary>
    private static bool Spaced(string text, Index at) => text.Length == 0 || char.IsWhiteSpace(text[at]);

    private static string Edge(string text, bool start) =>
        start ? text[..(text.Length - text.TrimStart().Length)] : text[text.TrimEnd().Length..];

    /// <summary>How many tokens make <see cref="Context"/> words from token <paramref name="at"/> on (or
    /// before).</summary>
    private static int Words(List<string> tokens, int at, int direction)
    {
        var (count, words) = (0, 0);
        for (var i = direction > 0 ? at : at - 1; i >= 0 && i < tokens.Count; i += direction)
        {
            if (!char.IsWhiteSpace(tokens[i][0]) && ++words > Context)
                break;
            count++;
        }

        return count;
    }

    /// <summary>Runs of non-space characters and runs of spaces, so the words joined back give the line.</summary>
    private static List<string> Tokens(string line)
    {
        var tokens = new List<string>();
        var start = 0;
        for (var i = 1; i <= line.Length; i++)
        {
            if (i == line.Length || char.IsWhiteSpace(line[i]) != char.IsWhiteSpace(line[i - 1]))
            {
                tokens.Add(line[start..i]);
                start = i;
            }
        }

        return tokens;
    }
}
