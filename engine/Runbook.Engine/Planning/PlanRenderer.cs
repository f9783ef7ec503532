using Runbook.Graph;

namespace Runbook.Planning;

/// <summary>Renders a graph as a plan. Pure: reads only the graph, so the output is byte-identical run to run.</summary>
public static class PlanRenderer
{
    public static string Render(ExecutionGraph graph, PlanFormat format) => format switch
    {
        PlanFormat.Markdown => MarkdownPlanRenderer.Render(graph),
        PlanFormat.Json => JsonPlanRenderer.Render(graph),
        _ => TextPlanRenderer.Render(graph),
    };
}
