using System.Text;
using Runbook.Planning;

namespace Runbook.Diffing;

/// <summary>
/// The diff as a pull-request comment: a hidden marker, a summary line, the risk notes, then a collapsed section per
/// phase. Values from the runbooks and inventories go through <see cref="Markdown"/>, code blocks are fenced longer
/// than any backtick run they hold, and the output ends with a blank line, so diffs concatenated into one comment
/// keep their headings.
/// </summary>
internal static class MarkdownDiffRenderer
{
    public static string Render(DiffResult diff) => Render(diff, null);

    /// <summary>
    /// The diff, or with <paramref name="summary"/> its summary: compact phase lines, cut to a number of lines per
    /// phase or to headings only, risk notes cut last, and a notice that says what was left out.
    /// </summary>
    public static string Render(DiffResult diff, DiffSummary? summary)
    {
        var sb = new StringBuilder();
        sb.Append(Markdown.Marker("diff", diff.Runbook, diff.Inventory));
        sb.Append("### Runbook diff: ").Append(Markdown.Code(diff.Runbook)).Append("\n\n");
        sb.Append($"{Markdown.Code(diff.Base)} → {Markdown.Code(diff.Head)}, ");
        sb.Append($"inventory {Markdown.Code(diff.Inventory)}: ");
        sb.Append($"**{DiffText.Summary(diff)}**.\n");
        if (!diff.Changed)
            return sb.Append('\n').ToString();
        if (summary is not null)
            sb.Append('\n').Append(summary.Notice(diff).TrimEnd('\n')).Append('\n');

        if (diff.Risks.Count > 0)
        {
            sb.Append("\n**Risk notes**\n\n");
            foreach (var r in diff.Risks.Take(summary?.Risks ?? int.MaxValue))
                sb.Append($"- :warning: `{r.Code}` {Markdown.Text(r.Message)}\n");
            if (diff.Risks.Count > (summary?.Risks ?? int.MaxValue))
                sb.Append($"- {PlanText.Count(diff.Risks.Count - summary!.Risks!.Value, "more risk note")} left out\n");
        }

        if (diff.Header.Count > 0)
        {
            sb.Append('\n');
            Block(sb, diff.Header.Select(line => DiffText.DiffBlock(line, 0)).ToList());
        }

        if (summary is { PhasesOnly: true })
        {
            sb.Append('\n');
            foreach (var phase in diff.Phases)
                sb.Append("- ").Append(Markdown.Text(Capitalised(DiffText.Heading(phase)))).Append('\n');
        }
        else
        {
            foreach (var phase in diff.Phases)
            {
                // <details> starts an HTML block: up to the blank line, the summary is HTML, not markdown.
                var heading = Markdown.Html(Capitalised(DiffText.Heading(phase)));
                sb.Append($"\n<details><summary>{heading}</summary>\n\n");
                var lines = summary is null ? phase.Lines : DiffSummary.Lines(phase, summary.LinesPerPhase);
                Block(sb, lines.Select(line => DiffText.DiffBlock(line, 1)).ToList());
                sb.Append("\n</details>\n");
            }
        }

        return sb.Append('\n').ToString();
    }

    /// <summary>What is posted when not even the phases' headings fit: the marker, the heading and the
    /// summary.</summary>
    public static string LastResort(DiffResult diff, int fullLength, int maxChars)
    {
        var sb = new StringBuilder();
        sb.Append(Markdown.Marker("diff", diff.Runbook, diff.Inventory));
        sb.Append("### Runbook diff: ").Append(Markdown.Code(diff.Runbook)).Append("\n\n");
        sb.Append($"**{DiffText.Summary(diff)}**.\n\n");
        sb.Append(CharBudget.Notice("diff", fullLength, maxChars, ["Everything else is left out."]));
        return sb.ToString();
    }

    private static void Block(StringBuilder sb, List<string> lines)
    {
        var fence = Markdown.Fence(lines);
        sb.Append(fence).Append("diff\n");
        foreach (var line in lines)
            sb.Append(line).Append('\n');
        sb.Append(fence).Append('\n');
    }

    private static string Capitalised(string text) => char.ToUpperInvariant(text[0]) + text[1..];
}
