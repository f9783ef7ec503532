using System.Globalization;

namespace Runbook.Planning;

/// <summary>
/// Fits an output into a number of characters (a pull-request comment's limit): the full output when it fits, else
/// the first of ever shorter summaries that fits, else a last resort that always does. Each attempt is measured as it
/// will be printed (secrets masked, control characters made visible), so the limit holds for what is posted.
/// Characters are counted as UTF-16 code units, never fewer than GitHub counts.
/// </summary>
internal static class CharBudget
{
    /// <summary>The smallest limit a caller may ask for: room for the marker, a heading and the last resort.</summary>
    public const int Minimum = 1_000;

    /// <summary>The default for markdown: under GitHub's 65,536 characters per comment, with room to spare.</summary>
    public const int MarkdownDefault = 60_000;

    public static string Fit(int maxChars, string full, IEnumerable<Func<string>> summaries, Func<string> lastResort)
    {
        if (full.Length <= maxChars)
            return full;
        foreach (var summary in summaries)
        {
            var text = summary();
            if (text.Length <= maxChars)
                return text;
        }

        var last = lastResort();
        return last.Length <= maxChars ? last : "Output too large for the character limit.\n\n";
    }

    public static string Number(int n) => n.ToString("N0", CultureInfo.InvariantCulture);

    /// <summary>The note that opens a summary: why it is one, and what it leaves out.</summary>
    public static string Notice(string what, int fullLength, int maxChars, IEnumerable<string> leftOut) =>
        $"> **Summary:** the full {what} has {Number(fullLength)} characters, over the limit of "
        + $"{Number(maxChars)} (`--max-chars`). "
        + string.Join(" ", leftOut)
        + "\n\n";
}
