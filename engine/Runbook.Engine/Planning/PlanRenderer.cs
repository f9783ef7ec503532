using Runbook.Diagnostics;
using Runbook.Graph;

namespace Runbook.Planning;

/// <summary>Renders a graph as a plan. Pure: reads only the graph, so the output is byte-identical run to run.</summary>
public static class PlanRenderer
{
    /// <summary>Text and markdown show control characters from data as visible escapes; JSON escapes them
    /// itself. Secrets are masked in the whole text last, so a form no step masked (a wait's duration) is masked
    /// too.</summary>
    public static string Render(ExecutionGraph graph, PlanFormat format) =>
        format switch
        {
            PlanFormat.Markdown => VisibleText.Escape(graph.Secrets.Apply(MarkdownPlanRenderer.Render(graph))),
            PlanFormat.Json => graph.Secrets.Apply(JsonPlanRenderer.Render(graph, PlanHash.Of(graph).Hash)),
            _ => VisibleText.Escape(graph.Secrets.Apply(TextPlanRenderer.Render(graph))),
        };

    /// <summary>
    /// The markdown plan in at most <paramref name="maxChars"/> characters (at least 1,000): the full plan when it
    /// fits,
    /// else a summary that says what it leaves out (<see cref="MarkdownPlanSummary"/>). Other formats ignore the limit.
    /// </summary>
    public static string Render(ExecutionGraph graph, PlanFormat format, int maxChars)
    {
        if (format != PlanFormat.Markdown)
            return Render(graph, format);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxChars, CharBudget.Minimum);
        string Final(string markdown) => VisibleText.Escape(graph.Secrets.Apply(markdown));
        var full = Render(graph, format);
        return CharBudget.Fit(
            maxChars,
            full,
            MarkdownPlanSummary
                .Steps(full.Length, maxChars)
                .Select(d => (Func<string>)(() => Final(MarkdownPlanSummary.Render(graph, d)))),
            () => Final(MarkdownPlanSummary.LastResort(graph, full.Length, maxChars))
        );
    }
}
