namespace Runbook.Diffing;

/// <summary>Renders a diff. Pure: reads only the result, so the output is byte-identical run to run.</summary>
public static class DiffRenderer
{
    public static string Render(DiffResult diff, DiffFormat format) => format switch
    {
        DiffFormat.Markdown => MarkdownDiffRenderer.Render(diff),
        DiffFormat.Json => JsonDiffRenderer.Render(diff),
        _ => TextDiffRenderer.Render(diff),
    };
}
