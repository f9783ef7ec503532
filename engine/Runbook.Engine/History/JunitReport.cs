using System.Globalization;
using System.Text;
using System.Xml;

namespace Runbook.History;

/// <summary>
/// The JUnit XML of a run, the shape CI systems read (GitHub test reporters, GitLab, Jenkins): a testsuite per batch,
/// a testcase per host × step (classname <c>runbook.BATCH.HOST</c>) and per gate (<c>runbook.BATCH.gates</c>); a
/// step or gate that did not succeed is a failure whose text is its output's tail, a skipped one is skipped. Output
/// was masked when the journal was written; characters XML cannot hold are replaced.
/// </summary>
internal static class JunitReport
{
    /// <summary>Lines of output a failure carries: the tail is what says why.</summary>
    public const int TailLines = 30;

    public static string Render(RunReport report)
    {
        var settings = new XmlWriterSettings
        {
            Indent = true,
            Encoding = new UTF8Encoding(false),
            NewLineChars = "\n",
        };
        var sb = new StringBuilder();
        using (var w = XmlWriter.Create(new StringWriterUtf8(sb), settings))
        {
            var cases = report.Batches.Select(b => (Batch: b, Cases: Cases(b).ToList())).ToList();
            var all = cases.SelectMany(c => c.Cases).ToList();
            w.WriteStartDocument();
            w.WriteStartElement("testsuites");
            w.WriteAttributeString("name", Clean($"runbook {report.Run.Runbook} ({report.Run.Id})"));
            Counts(w, all, report.Run.Duration);
            foreach (var (batch, batchCases) in cases)
            {
                w.WriteStartElement("testsuite");
                var phase = report.Phases.FirstOrDefault(p => p.Number == batch.Phase);
                w.WriteAttributeString("name", Clean($"{phase?.Name ?? $"phase {batch.Phase}"} / {batch.Id}"));
                Counts(w, batchCases, batch.Started is { } s && batch.Ended is { } e ? e - s : null);
                if (batch.Started is { } started)
                    w.WriteAttributeString(
                        "timestamp",
                        started.UtcDateTime.ToString("s", CultureInfo.InvariantCulture)
                    );
                foreach (var c in batchCases)
                {
                    w.WriteStartElement("testcase");
                    w.WriteAttributeString("classname", Clean(c.ClassName));
                    w.WriteAttributeString("name", Clean(c.Name));
                    w.WriteAttributeString("time", Seconds(c.Time));
                    if (c.Kind == CaseKind.Failure)
                    {
                        w.WriteStartElement("failure");
                        w.WriteAttributeString("message", Clean(c.Message));
                        w.WriteAttributeString("type", Clean(c.Status));
                        w.WriteString(Clean(c.Text));
                        w.WriteEndElement();
                    }
                    else if (c.Kind == CaseKind.Skipped)
                    {
                        w.WriteStartElement("skipped");
                        w.WriteAttributeString("message", Clean(c.Message));
                        w.WriteEndElement();
                    }

                    w.WriteEndElement();
                }

                w.WriteEndElement();
            }

            w.WriteEndElement();
            w.WriteEndDocument();
        }

        return sb.Append('\n').ToString();
    }

    private enum CaseKind
    {
        Passed,
        Failure,
        Skipped,
    }

    private sealed record Case(
        string ClassName,
        string Name,
        CaseKind Kind,
        string Status,
        string Message,
        string Text,
        TimeSpan? Time
    );

    private static IEnumerable<Case> Cases(BatchReport batch)
    {
        foreach (var step in batch.Steps)
        {
            var status = step.Status ?? "unfinished";
            var tail = step.Output.TakeLast(TailLines).Select(o => o.Text);
            var name = step.List == "steps" ? step.Name : $"{step.Name} ({step.List})";
            var message = step.Why ?? (step.ExitCode is { } code ? $"{status}: exit {code}" : status);
            yield return new Case(
                $"runbook.{batch.Id}.{step.Host}",
                name,
                KindOf(status),
                status,
                message,
                string.Join('\n', tail),
                step.Duration
            );
        }

        foreach (var gate in batch.Gates)
        {
            var status = gate.Status ?? "unfinished";
            var text = string.Join(
                '\n',
                gate.Checks.TakeLast(TailLines)
                    .Select(c => $"{c.Host}: {c.Status}{(c.Text is { Length: > 0 } t ? ": " + t : "")}")
            );
            yield return new Case(
                $"runbook.{batch.Id}.{(gate.Precondition ? "preconditions" : "gates")}",
                gate.Name,
                KindOf(status),
                status,
                gate.Why ?? status,
                text,
                gate.Duration
            );
        }
    }

    private static CaseKind KindOf(string status) =>
        status switch
        {
            "ok" => CaseKind.Passed,
            "skipped" or "waiting" => CaseKind.Skipped,
            _ => CaseKind.Failure,
        };

    private static void Counts(XmlWriter w, IReadOnlyCollection<Case> cases, TimeSpan? time)
    {
        w.WriteAttributeString("tests", cases.Count.ToString(CultureInfo.InvariantCulture));
        w.WriteAttributeString(
            "failures",
            cases.Count(c => c.Kind == CaseKind.Failure).ToString(CultureInfo.InvariantCulture)
        );
        w.WriteAttributeString("errors", "0");
        w.WriteAttributeString(
            "skipped",
            cases.Count(c => c.Kind == CaseKind.Skipped).ToString(CultureInfo.InvariantCulture)
        );
        w.WriteAttributeString("time", Seconds(time));
    }

    private static string Seconds(TimeSpan? time) =>
        (time ?? TimeSpan.Zero).TotalSeconds.ToString("0.000", CultureInfo.InvariantCulture);

    /// <summary>Text XML 1.0 can hold: other control characters (an ANSI escape in output) become U+FFFD.</summary>
    private static string Clean(string text)
    {
        var sb = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                sb.Append(c).Append(text[++i]);
                continue;
            }

            sb.Append(XmlConvert.IsXmlChar(c) ? c : '\uFFFD');
        }

        return sb.ToString();
    }

    /// <summary>A StringWriter that says UTF-8, so the XML declaration does.</summary>
    private sealed class StringWriterUtf8(StringBuilder sb) : StringWriter(sb, CultureInfo.InvariantCulture)
    {
        public override Encoding Encoding => new UTF8Encoding(false);
    }
}
