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
}
