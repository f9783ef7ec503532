namespace Runbook.History;

/// <summary>The formats of <c>runbook report</c>.</summary>
internal enum ReportFormat
{
    Html,
    Markdown,
    Junit,
}

internal static class Reports
{
    public static string Render(RunReport report, ReportFormat format) =>
        format switch
        {
            ReportFormat.Html => HtmlReport.Render(report),
            ReportFormat.Markdown => MarkdownReport.Render(report),
            _ => JunitReport.Render(report),
        };
}
