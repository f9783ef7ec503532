using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Runbook.Diffing;

/// <summary>The diff for tools, with a fixed property order.</summary>
internal static class JsonDiffRenderer
{
    public static string Render(DiffResult diff)
    {
        using var stream = new MemoryStream();
        using (
            var w = new Utf8JsonWriter(
                stream,
                new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }
            )
        )
        {
            w.WriteStartObject();
            w.WriteString("runbook", diff.Runbook);
            w.WriteString("inventory", diff.Inventory);
            w.WriteString("base", diff.Base);
            w.WriteString("head", diff.Head);

            // The hashes text and markdown diffs print (DiffHashes): the head's is what run --plan checks; the base's
            // is null for a new runbook (/dev/null).
            w.WriteString("plan_hash", diff.HeadHash);
            w.WriteString("base_plan_hash", diff.BaseHash);
            w.WriteBoolean("changed", diff.Changed);
            w.WriteString("summary", DiffText.Summary(diff));
            w.WriteStartArray("risks");
            foreach (var r in diff.Risks)
            {
                w.WriteStartObject();
                w.WriteString("code", r.Code);
                w.WriteString("severity", r.Severity.ToString().ToLowerInvariant());
                w.WriteString("phase", r.Phase);
                w.WriteString("message", r.Message);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            Lines(w, "header", diff.Header);
            w.WriteStartArray("phases");
            foreach (var p in diff.Phases)
            {
                w.WriteStartObject();
                w.WriteString("name", p.Name);
                w.WriteString("status", p.Status.ToString().ToLowerInvariant());
                if (p.BaseNumber is { } b)
                    w.WriteNumber("base_number", b);
                else
                    w.WriteNull("base_number");
                if (p.HeadNumber is { } h)
                    w.WriteNumber("head_number", h);
                else
                    w.WriteNull("head_number");
                Lines(w, "lines", p.Lines);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }

    private static void Lines(Utf8JsonWriter w, string name, IReadOnlyList<DiffLine> lines)
    {
        w.WriteStartArray(name);
        foreach (var line in lines)
        {
            w.WriteStartObject();
            w.WriteNumber("depth", line.Depth);
            w.WriteString(
                "mark",
                line.Mark switch
                {
                    DiffLine.Context => "context",
                    '-' => "removed",
                    '+' => "added",
                    _ => "note",
                }
            );
            w.WriteString("text", line.Text);
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }
}
