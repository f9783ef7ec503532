using System.Text;

namespace Runbook.Diffing;

/// <summary>The diff as a pull-request comment: a summary line, the risk notes, then a collapsed section per phase.</summary>
internal static class MarkdownDiffRenderer
{
    public static string Render(DiffResult diff)
    {
        var sb = new StringBuilder();
        sb.Append("### Runbook diff: `").Append(diff.Runbook).Append("`\n\n");
        sb.Append($"`{diff.Base}` → `{diff.Head}`, inventory `{diff.Inventory}`: **{DiffText.Summary(diff)}**.\n");
        if (!diff.Changed) return sb.ToString();

        if (diff.Risks.Count > 0)
        {
            sb.Append("\n**Risk notes**\n\n");
            foreach (var r in diff.Risks) sb.Append($"- :warning: `{r.Code}` {r.Message}\n");
        }

        if (diff.Header.Count > 0)
        {
            sb.Append("\n```diff\n");
            foreach (var line in diff.Header) sb.Append(DiffText.DiffBlock(line, 0)).Append('\n');
            sb.Append("```\n");
        }

        foreach (var phase in diff.Phases)
        {
            sb.Append($"\n<details><summary>{Capitalised(DiffText.Heading(phase))}</summary>\n\n```diff\n");
            foreach (var line in phase.Lines) sb.Append(DiffText.DiffBlock(line, 1)).Append('\n');
            sb.Append("```\n\n</details>\n");
        }

        return sb.ToString();
    }

    private static string Capitalised(string text) => char.ToUpperInvariant(text[0]) + text[1..];
}
