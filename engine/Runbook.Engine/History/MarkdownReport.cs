using System.Globalization;
using System.Text;
using Runbook.Diagnostics;
using Runbook.Planning;

namespace Runbook.History;

/// <summary>
/// The markdown summary of a run, for a pull request or GitHub's job summary (GITHUB_STEP_SUMMARY): the outcome and
/// its facts, a row per batch, and every step and gate that did not succeed with its output's tail. Every value from
/// the run goes through <see cref="Markdown"/>, so names and output cannot change the structure; the output ends with
/// a blank line, so summaries appended one after another keep their headings.
/// </summary>
internal static class MarkdownReport
{
    public const int TailLines = 20;

    public static string Render(RunReport report)
    {
        var run = report.Run;
        var sb = new StringBuilder();
        sb.Append(Markdown.Marker("run", run.Runbook, run.Inventory));
        sb.Append("### Run ")
            .Append(Markdown.Code(run.Id))
            .Append(": ")
            .Append(Markdown.Text(run.OutcomeOrUnfinished))
            .Append("\n\n| | |\n| --- | --- |\n");
        Row(sb, "runbook", Markdown.CodeCell(run.Runbook));
        Row(sb, "inventory", Markdown.CodeCell(run.Inventory));
        Row(sb, "started", Markdown.Text(HtmlReport.Stamp(run.Started)));
        Row(sb, "duration", run.Duration is { } d ? HtmlReport.Duration(d) : "unfinished");
        Row(sb, "started by", Markdown.Text(run.StartedBy ?? "not recorded"));
        if (report.Attempts > 1)
            Row(sb, "attempts", report.Attempts.ToString(CultureInfo.InvariantCulture));
        if (report.PlanHash is { } hash)
            Row(sb, "plan hash", Markdown.CodeCell(hash));
        else if (report.Fingerprint.FirstOrDefault(f => f.Name == "runbook_sha256") is { Value: { } sha })
            Row(sb, "runbook sha256", Markdown.CodeCell(sha));

        var steps = report.Steps.ToList();
        sb.Append('\n')
            .Append(CultureInfo.InvariantCulture, $"{Count(steps, "ok")} steps ok, ")
            .Append(CultureInfo.InvariantCulture, $"{steps.Count(s => s.Status is not ("ok" or "skipped"))} not ok, ")
            .Append(CultureInfo.InvariantCulture, $"{Count(steps, "skipped")} skipped; ")
            .Append(CultureInfo.InvariantCulture, $"{report.Gates.Count(g => g.Status == "ok")} of ")
            .Append(CultureInfo.InvariantCulture, $"{report.Gates.Count()} gates passed.\n\n");

        sb.Append(
            "| phase | batch | hosts | status | steps ok | not ok | gates |\n"
                + "| --- | --- | --- | --- | ---: | ---: | --- |\n"
        );
        foreach (var phase in report.Phases)
        {
            foreach (var b in phase.Batches)
            {
                sb.Append("| ")
                    .Append(Markdown.Text(phase.Name))
                    .Append(" | ")
                    .Append(Markdown.CodeCell(b.Id))
                    .Append(" | ")
                    .Append(Markdown.Text(string.Join(", ", b.Hosts)))
                    .Append(" | ")
                    .Append(Markdown.Text(b.Status ?? "unfinished"))
                    .Append(" | ")
                    .Append(CultureInfo.InvariantCulture, $"{Count(b.Steps, "ok")} | ")
                    .Append(
                        CultureInfo.InvariantCulture,
                        $"{b.Steps.Count(s => s.Status is not ("ok" or "skipped"))} | "
                    )
                    .Append(
                        Markdown.Text(string.Join(", ", b.Gates.Select(g => $"{g.Name}: {g.Status ?? "unfinished"}")))
                    )
                    .Append(" |\n");
            }
        }

        var problems = steps.Where(s => s.Status is not ("ok" or "skipped")).ToList();
        var gates = report.Gates.Where(g => g.Status is not ("ok" or "skipped")).ToList();
        if (problems.Count + gates.Count > 0)
        {
            sb.Append("\n#### Not ok\n\n");
            foreach (var s in problems)
            {
                Problem(
                    sb,
                    $"{s.Name} on {s.Host}: {s.Status ?? "unfinished"}{(s.ExitCode is { } c ? $" (exit {c})" : "")}",
                    s.Why,
                    s.Command,
                    s.Output.TakeLast(TailLines).Select(o => o.Text)
                );
            }

            foreach (var g in gates)
            {
                Problem(
                    sb,
                    $"gate {g.Name} after {g.Batch}: {g.Status ?? "unfinished"}",
                    g.Why,
                    g.Command,
                    g.Checks.TakeLast(TailLines).Select(c => $"{c.Host}: {c.Status} {c.Text}".TrimEnd())
                );
            }
        }

        // One blank line ends the output, as plans and diffs end: appended summaries keep their own blocks.
        if (!sb.ToString().EndsWith("\n\n", StringComparison.Ordinal))
            sb.Append('\n');
        return sb.ToString();
    }

    private static void Problem(StringBuilder sb, string title, string? why, string? command, IEnumerable<string> tail)
    {
        // Control characters (an ANSI colour) shown as \x1b: a code block shows text, not a terminal's escapes.
        var lines = tail.SelectMany(l => l.Replace("\r", "", StringComparison.Ordinal).Split('\n'))
            .Select(VisibleText.Escape)
            .ToList();
        sb.Append("<details><summary>").Append(Markdown.Html(title)).Append("</summary>\n\n");
        if (why is not null)
            sb.Append(Markdown.Text(why)).Append("\n\n");
        if (command is not null)
            sb.Append(Markdown.Code(command)).Append("\n\n");
        if (lines.Count > 0)
        {
            var fence = Markdown.Fence(lines);
            sb.Append(fence).Append("text\n");
            foreach (var line in lines)
                sb.Append(line).Append('\n');
            sb.Append(fence).Append("\n\n");
        }

        sb.Append("</details>\n\n");
    }

    private static void Row(StringBuilder sb, string name, string value) =>
        sb.Append("| ").Append(name).Append(" | ").Append(value).Append(" |\n");

    private static int Count(IEnumerable<StepReport> steps, string status) => steps.Count(s => s.Status == status);
}
