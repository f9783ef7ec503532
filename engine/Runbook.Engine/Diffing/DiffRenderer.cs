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
}
