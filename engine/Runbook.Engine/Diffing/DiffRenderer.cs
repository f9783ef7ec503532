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
            DiffFormat.Markdown => VisibleText.Escape(MarkdownDiffRenderer.Render(diff)),
            DiffFormat.Json => JsonDiffRenderer.Render(diff),
            _ => VisibleText.Escape(TextDiffRenderer.Render(diff)),
        };
}
