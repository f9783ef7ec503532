using Runbook.Diagnostics;

namespace Runbook.Diffing;

/// <summary>Renders a diff. Pure: reads only the result, so the output is byte-identical run to run.</summary>
public static class DiffRenderer
{
    /// <summary>Text and markdown show control characters from data as visible escapes; JSON escapes them
    /// itself.</summary>
    public static string Render(DiffResult diff, DiffFormat format) =>
        format switch
        {
            DiffFormat.Markdown => VisibleText.Escape(diff.Secrets.Apply(MarkdownDiffRenderer.Render(diff)))
                + DiffHashes.Markdown(diff),
            DiffFormat.Json => diff.Secrets.Apply(JsonDiffRenderer.Render(diff)),
            _ => VisibleText.Escape(diff.Secrets.Apply(TextDiffRenderer.Render(diff))) + DiffHashes.Text(diff),
        };

    /// <summary>
    /// The markdown diff in at most <paramref name="maxChars"/> characters (at least 1,000): the full diff when it
    /// fits,
    /// else a summary that says what it leaves out (<see cref="DiffSummary"/>). Other formats ignore the limit.
    /// </summary>
    public static string Render(DiffResult diff, DiffFormat format, int maxChars)
    {
        if (format != DiffFormat.Markdown)
            return Render(diff, format);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxChars, Planning.CharBudget.Minimum);
        string Final(string markdown) =>
            VisibleText.Escape(diff.Secrets.Apply(markdown)) + DiffHashes.Markdown(diff);
        var full = Final(MarkdownDiffRenderer.Render(diff));
        return Planning.CharBudget.Fit(
            maxChars,
            full,
            DiffSummary
                .Steps(full.Length, maxChars)
                .Select(s => (Func<string>)(() => Final(MarkdownDiffRenderer.Render(diff, s)))),
            () => Final(MarkdownDiffRenderer.LastResort(diff, full.Length, maxChars))
        );
    }
}
