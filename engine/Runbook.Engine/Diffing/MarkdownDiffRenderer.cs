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
    public static string Render(DiffResult diff)
    {
        var sb = new StringBuilder();
        sb.Append(Markdown.Marker("diff", diff.Runbook, diff.Inventory));
        sb.Append("### Runbook diff: ").Append(Markdown.Code(diff.Runbook)).Append("\n\n");
        sb.Append($"{Markdown.Code(diff.Base)} → {Markdown.Code(diff.Head)}, ");
        sb.Append($"inventory {Markdown.Code(diff.Inventory)}: ");
        sb.Append($"**{DiffText.Summary(diff)}**.\n");
        if (!diff.Changed)
            return sb.Append('\n').ToString();

        if (diff.Risks.Count > 0)
        {
            sb.Append("\n**Risk notes**\n\n");
            foreach (var r in diff.Risks)
                sb.Append($"- :warning: `{r.Code}` {Markdown.Text(r.Message)}\n");
        }

        if (diff.Header.Count > 0)
        {
            sb.Append('\n');
            Block(sb, diff.Header.Select(line => DiffText.DiffBlock(line, 0)).ToList());
        }

        foreach (var phase in diff.Phases)
        {
            // <details> starts an HTML block: up to the blank line, the summary is HTML, not markdown.
            sb.Append($"\n<details><summary>{Markdown.Html(Capitalised(DiffText.Heading(phase)))}</summary>\n\n");
            Block(sb, phase.Lines.Select(line => DiffText.DiffBlock(line, 1)).ToList());
            sb.Append("\n</details>\n");
        }

        return sb.Append('\n').ToString();
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
