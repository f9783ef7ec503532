using System.Text;

namespace Runbook.Diffing;

/// <summary>The diff for terminals: a summary line, the risk notes, then the changes phase by phase.</summary>
internal static class TextDiffRenderer
{
    public static string Render(DiffResult diff)
    {
        var sb = new StringBuilder();
        sb.Append("runbook diff ").Append(diff.Runbook).Append(" (inventory ").Append(diff.Inventory).Append(")\n");
        sb.Append("  base ").Append(diff.Base).Append('\n');
        sb.Append("  head ").Append(diff.Head).Append('\n');
        sb.Append(DiffText.Summary(diff)).Append('\n');
        if (!diff.Changed)
            return sb.ToString();

        if (diff.Risks.Count > 0)
        {
            sb.Append("\nrisk notes\n");
            foreach (var r in diff.Risks)
                sb.Append("  warning ").Append(r.Code).Append(": ").Append(r.Message).Append('\n');
        }

        if (diff.Header.Count > 0)
        {
            sb.Append('\n');
            foreach (var line in diff.Header)
                sb.Append(DiffText.Indented(line)).Append('\n');
        }

        foreach (var phase in diff.Phases)
        {
            sb.Append('\n').Append(DiffText.Heading(phase)).Append('\n');
            foreach (var line in phase.Lines)
                sb.Append(DiffText.Indented(line)).Append('\n');
        }

        return sb.ToString();
    }
}
