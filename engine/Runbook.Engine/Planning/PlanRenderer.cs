using Runbook.Diagnostics;
using Runbook.Graph;

namespace Runbook.Planning;

/// <summary>Renders a graph as a plan. Pure: reads only the graph, so the output is byte-identical run to run.</summary>
public static class PlanRenderer
{
    /// <summary>Text and markdown show control characters from data as visible escapes; JSON escapes them
    /// itself.</summary>
    public static string Render(ExecutionGraph graph, PlanFormat format) =>
        format switch
        {
            PlanFormat.Markdown => VisibleText.Escape(MarkdownPlanRenderer.Render(graph)),
            PlanFormat.Json => JsonPlanRenderer.Render(graph),
            _ => VisibleText.Escape(TextPlanRenderer.Render(graph)),
        };
}
