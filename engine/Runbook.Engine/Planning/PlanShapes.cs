using System.Text;
using Runbook.Graph;

namespace Runbook.Planning;

/// <summary>
/// What makes two batches, or two hosts of a batch, "the same" in a plan summary: their rendered markdown with their
/// own hosts' names and addresses replaced by placeholders (the first host of the batch, the second…). Nothing else
/// is masked, so batches shown as one differ only where their own hosts' names and addresses stand; a host var that
/// changes a command (a data_dir of its own) keeps that host apart.
/// </summary>
internal static class PlanShapes
{
    /// <summary>
    /// The batches in groups of the same shape, each group in batch order, groups in the order of their first batch.
    /// Two
    /// batches have the same shape when they have as many parts and each part is the same as it is, or the same once
    /// each batch's own hosts are masked (a gate on all etcd members names every member's address in every batch, the
    /// same ones: it is compared as it is).
    /// </summary>
    public static List<List<BatchNode>> Group(
        IEnumerable<BatchNode> batches,
        Func<BatchNode, List<string>> parts,
        ExecutionGraph graph
    )
    {
        var groups = new List<(List<string> Parts, List<string> Masked, List<BatchNode> Batches)>();
        foreach (var batch in batches)
        {
            var own = parts(batch);
            var masked = own.Select(p => Mask(p, batch.Hosts, graph)).ToList();
            var group = groups.FindIndex(g =>
                g.Parts.Count == own.Count
                && Enumerable.Range(0, own.Count).All(i => g.Parts[i] == own[i] || g.Masked[i] == masked[i])
            );
            if (group >= 0)
                groups[group].Batches.Add(batch);
            else
                groups.Add((own, masked, [batch]));
        }

        return [.. groups.Select(g => g.Batches)];
    }

    public static string Mask(string markdown, IReadOnlyList<string> hosts, ExecutionGraph graph)
    {
        var forms = new List<(string Form, int Index)>();
        for (var i = 0; i < hosts.Count; i++)
        {
            var name = hosts[i];
            var address = graph.Endpoints.TryGetValue(name, out var endpoint) ? endpoint.Address : null;
            foreach (var value in new[] { name, address })
            {
                if (string.IsNullOrEmpty(value))
                    continue;
                foreach (var form in new[] { value, Markdown.Text(value), Markdown.Html(value) })
                    forms.Add((form, i));
            }
        }

        // Longer forms first, so a name is not masked inside a longer one it is part of.
        var text = markdown;
        foreach (var (form, index) in forms.Distinct().OrderByDescending(f => f.Form.Length).ThenBy(f => f.Index))
            text = Replace(text, form, $"\u0000{index}\u0000");
        return text;
    }

    /// <summary>Every occurrence of <paramref name="value"/> that is a whole word (not inside a longer name).</summary>
    private static string Replace(string text, string value, string placeholder)
    {
        var sb = new StringBuilder(text.Length);
        var at = 0;
        while (true)
        {
            var found = text.IndexOf(value, at, StringComparison.Ordinal);
            if (found < 0)
                break;
            var end = found + value.Length;
            if (Bounded(text, found - 1) && Bounded(text, end))
            {
                sb.Append(text, at, found - at).Append(placeholder);
                at = end;
            }
            else
            {
                sb.Append(text, at, found + 1 - at);
                at = found + 1;
            }
        }

        return sb.Append(text, at, text.Length - at).ToString();
    }

    private static bool Bounded(string text, int i) =>
        i < 0 || i >= text.Length || !(char.IsLetterOrDigit(text[i]) || text[i] is '_' or '-' or '.');
}
