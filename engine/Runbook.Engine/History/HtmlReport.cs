using System.Globalization;
using System.Net;
using System.Text;
using Runbook.Diagnostics;

namespace Runbook.History;

/// <summary>
/// The HTML report of a run: one self-contained file (inline CSS and script, the timeline as inline SVG, nothing
/// loaded from anywhere) that a person opens from a CI artifact. The timeline has a row per host, time across, a bar
/// per step coloured by its status, gates and pauses as markers and each batch as a band; below it the cluster
/// watcher's samples when the run has them, then every batch's steps with command and output. Every text from the
/// run is HTML-escaped (it was masked when the journal was written).
/// </summary>
internal static class HtmlReport
{
    private const int Left = 180;
    private const int Width = 960;
    private const int RowHeight = 22;
    private const int Top = 34;

    public static string Render(RunReport report)
    {
        var sb = new StringBuilder();
        var run = report.Run;
        sb.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
        sb.Append("<title>runbook run ").Append(E(run.Id)).Append("</title>\n<style>\n");
        sb.Append(HtmlReportAssets.Css).Append("</style>\n</head>\n<body>\n");
        sb.Append("<header><h1>Run <code>")
            .Append(E(run.Id))
            .Append("</code> <span class=\"outcome o-")
            .Append(E(run.OutcomeOrUnfinished))
            .Append("\">")
            .Append(E(run.OutcomeOrUnfinished))
            .Append("</span></h1>\n<dl class=\"facts\">\n");
        Fact(sb, "runbook", run.Runbook);
        Fact(sb, "inventory", run.Inventory);
        Fact(sb, "started", Stamp(run.Started));
        Fact(sb, "duration", run.Duration is { } d ? Duration(d) : "unfinished");
        Fact(sb, "started by", run.StartedBy ?? "not recorded");
        if (run.CiJob is { } job)
            Fact(sb, "CI job", job);
        if (report.Attempts > 1)
            Fact(sb, "attempts", $"{report.Attempts} (resumed {report.Attempts - 1}×)");
        if (report.Limit is { } limit)
            Fact(sb, "limit", limit);
        if (report.PlanHash is { } hash)
            Fact(sb, "plan hash", hash);
        else
            foreach (var (name, value) in report.Fingerprint)
                Fact(sb, name, value);
        foreach (var (name, value) in report.Params)
            Fact(sb, "param " + name, value);
        sb.Append("</dl>\n</header>\n");

        Timeline(sb, report);
        Samples(sb, report);
        Details(sb, report);
        sb.Append("<script>\n").Append(HtmlReportAssets.Script).Append("</script>\n</body>\n</html>\n");
        return sb.ToString();
    }

    private static void Timeline(StringBuilder sb, RunReport report)
    {
        sb.Append("<section id=\"timeline\"><h2>Timeline</h2>\n");
        if (
            report.Span is not { } span
            || report.Batches.All(b => b.Started is null && b.Steps.All(s => s.Started is null))
        )
        {
            sb.Append(
                "<p class=\"note\">This run's journal has no times (written by an older version).</p></section>\n"
            );
            return;
        }

        var hosts = report.Batches.SelectMany(b => b.Hosts).Distinct(StringComparer.Ordinal).ToList();
        var total = Math.Max((span.To - span.From).TotalMilliseconds, 1);
        double X(DateTimeOffset t) => Left + ((t - span.From).TotalMilliseconds / total * Width);
        var height = Top + (hosts.Count * RowHeight) + 24;
        sb.Append(CultureInfo.InvariantCulture, $"<svg class=\"timeline\" width=\"{Left + Width + 20}\" ")
            .Append(CultureInfo.InvariantCulture, $"height=\"{height}\" role=\"img\">\n");

        // Batches as bands behind the rows, their boundaries as lines with the batch id.
        foreach (var (batch, i) in report.Batches.Select((b, i) => (b, i)))
        {
            if (BatchSpan(batch) is not { } b)
                continue;
            var (x1, x2) = (X(b.From), Math.Max(X(b.To), X(b.From) + 1));
            sb.Append(CultureInfo.InvariantCulture, $"<g class=\"batch\" data-batch=\"{E(batch.Id)}\">")
                .Append(
                    CultureInfo.InvariantCulture,
                    $"<rect class=\"band band{i % 2}\" x=\"{F(x1)}\" y=\"{Top - 14}\" "
                )
                .Append(CultureInfo.InvariantCulture, $"width=\"{F(x2 - x1)}\" height=\"{height - Top - 10}\"/>")
                .Append(
                    CultureInfo.InvariantCulture,
                    $"<line class=\"boundary\" x1=\"{F(x1)}\" x2=\"{F(x1)}\" y1=\"{Top - 14}\" "
                )
                .Append(CultureInfo.InvariantCulture, $"y2=\"{height - 24}\"/><text class=\"label\" x=\"{F(x1 + 3)}\" ")
                .Append(CultureInfo.InvariantCulture, $"y=\"{Top - 4}\">{E(batch.Id)}</text></g>\n");
        }

        foreach (var (host, row) in hosts.Select((h, i) => (h, i)))
        {
            var y = Top + (row * RowHeight);
            sb.Append(CultureInfo.InvariantCulture, $"<g class=\"row\" data-host=\"{E(host)}\">")
                .Append(CultureInfo.InvariantCulture, $"<text class=\"host\" x=\"4\" y=\"{y + 15}\">{E(host)}</text>");
            foreach (var step in report.Steps.Where(s => s.Host == host && s.Started is not null))
            {
                var x1 = X(step.Started!.Value);
                var x2 = Math.Max(X(step.Ended ?? span.To), x1 + 3);
                var status = step.Status ?? "running";
                sb.Append(
                        CultureInfo.InvariantCulture,
                        $"<rect class=\"bar st-{E(status)}\" data-step=\"{E(step.Id)}\" "
                    )
                    .Append(CultureInfo.InvariantCulture, $"data-status=\"{E(status)}\" x=\"{F(x1)}\" y=\"{y + 3}\" ")
                    .Append(CultureInfo.InvariantCulture, $"width=\"{F(x2 - x1)}\" height=\"{RowHeight - 6}\">")
                    .Append("<title>")
                    .Append(E($"{step.Name} on {host}: {status}"))
                    .Append(step.Duration is { } d ? E($" in {Duration(d)}") : string.Empty)
                    .Append("</title></rect>");
            }

            sb.Append("</g>\n");
        }

        // Gates and pauses: markers across the rows at the time they ended (gates) or waited (pauses).
        var axis = height - 18;
        foreach (var gate in report.Gates.Where(g => g.Ended is not null))
        {
            var x = X(gate.Ended!.Value);
            var status = gate.Status ?? "running";
            sb.Append(
                    CultureInfo.InvariantCulture,
                    $"<g class=\"marker gate st-{E(status)}\" data-gate=\"{E(gate.Id)}\" "
                )
                .Append(CultureInfo.InvariantCulture, $"data-status=\"{E(status)}\"><line x1=\"{F(x)}\" x2=\"{F(x)}\" ")
                .Append(
                    CultureInfo.InvariantCulture,
                    $"y1=\"{Top - 14}\" y2=\"{axis}\"/><path d=\"M{F(x)} {axis - 6}l6 6l-6 6l-6 -6z\"/>"
                )
                .Append("<title>")
                .Append(E($"{(gate.Precondition ? "precondition" : "gate")} {gate.Name}: {status}"))
                .Append("</title></g>\n");
        }

        foreach (var pause in report.Batches.SelectMany(b => b.Pauses).Where(p => p.WaitedAt is not null))
        {
            var x = X(pause.WaitedAt!.Value);
            var x2 = pause.ApprovedAt is { } approved ? X(approved) : x;
            sb.Append(CultureInfo.InvariantCulture, $"<g class=\"marker pause\" data-pause=\"{E(pause.Id)}\">")
                .Append(
                    CultureInfo.InvariantCulture,
                    $"<rect x=\"{F(x)}\" y=\"{axis - 5}\" width=\"{F(Math.Max(x2 - x, 4))}\" "
                )
                .Append("height=\"10\"/><title>")
                .Append(E($"pause {pause.Name}"))
                .Append(pause.By is { } by ? E($": approved by {by}") : E(": waiting"))
                .Append("</title></g>\n");
        }

        sb.Append(CultureInfo.InvariantCulture, $"<text class=\"axis\" x=\"{Left}\" y=\"{height - 2}\">")
            .Append(E(Stamp(span.From)))
            .Append("</text>")
            .Append(CultureInfo.InvariantCulture, $"<text class=\"axis\" x=\"{Left + Width}\" y=\"{height - 2}\" ")
            .Append("text-anchor=\"end\">")
            .Append(E($"+{Duration(span.To - span.From)}"))
            .Append("</text>\n</svg>\n");
        sb.Append(HtmlReportAssets.Legend).Append("</section>\n");
    }

    private static void Samples(StringBuilder sb, RunReport report)
    {
        if (report.Samples.Count == 0 || report.Span is not { } span)
            return;
        var total = Math.Max((span.To - span.From).TotalMilliseconds, 1);
        var lost = report.Samples.Count(s => !s.Quorum);
        sb.Append("<section id=\"cluster\"><h2>Cluster</h2>\n<p>")
            .Append(CultureInfo.InvariantCulture, $"{report.Samples.Count} samples by the lab's cluster watcher; ")
            .Append(CultureInfo.InvariantCulture, $"quorum lost in {lost}; at most ")
            .Append(
                CultureInfo.InvariantCulture,
                $"{report.Samples.Max(s => s.MembersDown.Count)} etcd members down at once.</p>\n"
            )
            .Append(
                CultureInfo.InvariantCulture,
                $"<svg class=\"samples\" width=\"{Left + Width + 20}\" height=\"30\">"
            )
            .Append("<text class=\"host\" x=\"4\" y=\"18\">etcd quorum</text>");
        foreach (var s in report.Samples)
        {
            var x = Left + (Math.Clamp((s.At - span.From).TotalMilliseconds, 0, total) / total * Width);
            var kind =
                !s.Quorum ? "lost"
                : s.MembersDown.Count + s.MembersUnhealthy.Count > 0 ? "degraded"
                : "healthy";
            var detail =
                $"{Stamp(s.At)}: up {string.Join(' ', s.MembersUp)}; down {string.Join(' ', s.MembersDown)}"
                + $"; unhealthy {string.Join(' ', s.MembersUnhealthy)}; readyz "
                + string.Join(' ', s.Readyz.Select(r => $"{r.Node}={r.Status}"));
            sb.Append(
                    CultureInfo.InvariantCulture,
                    $"<rect class=\"sample q-{kind}\" x=\"{F(x)}\" y=\"4\" width=\"3\" "
                )
                .Append("height=\"20\"><title>")
                .Append(E(detail))
                .Append("</title></rect>");
        }

        sb.Append("</svg>\n</section>\n");
    }

    private static void Details(StringBuilder sb, RunReport report)
    {
        sb.Append("<section id=\"details\"><h2>Steps</h2>\n");
        foreach (var phase in report.Phases)
        {
            sb.Append(CultureInfo.InvariantCulture, $"<h3>Phase {phase.Number}: ")
                .Append(E(phase.Name))
                .Append(Status(phase.Status))
                .Append("</h3>\n");
            foreach (var batch in phase.Batches)
            {
                sb.Append("<h4>Batch ")
                    .Append(E(batch.Id))
                    .Append(Status(batch.Status))
                    .Append(" <small>")
                    .Append(E(string.Join(", ", batch.Hosts)))
                    .Append("</small></h4>\n");
                foreach (var step in batch.Steps)
                    Step(sb, step);
                foreach (var gate in batch.Gates)
                    Gate(sb, gate);
                foreach (var pause in batch.Pauses)
                {
                    sb.Append("<p class=\"pause\">pause <b>")
                        .Append(E(pause.Name))
                        .Append("</b>: ")
                        .Append(E(pause.By is { } by ? "approved by " + by : "waiting for approval"))
                        .Append("</p>\n");
                }
            }
        }

        sb.Append("</section>\n");
    }

    private static void Step(StringBuilder sb, StepReport step)
    {
        var status = step.Status ?? "running";
        sb.Append(CultureInfo.InvariantCulture, $"<details class=\"step st-{E(status)}\" id=\"{Anchor(step.Id)}\">")
            .Append("<summary>")
            .Append(Status(status))
            .Append(' ')
            .Append(E(step.Host))
            .Append(" · <b>")
            .Append(E(step.Name))
            .Append("</b>")
            .Append(step.List == "steps" ? string.Empty : E($" ({step.List})"))
            .Append(step.Duration is { } d ? E($" · {Duration(d)}") : string.Empty)
            .Append(step.ExitCode is { } code ? E($" · exit {code}") : string.Empty)
            .Append("</summary>\n");
        if (step.Why is { } why)
            sb.Append("<p class=\"why\">").Append(E(why)).Append("</p>\n");
        if (step.Command is { } command)
            sb.Append("<pre class=\"command\">").Append(E(command)).Append("</pre>\n");
        if (step.Output.Count > 0)
        {
            sb.Append("<pre class=\"output\">");
            foreach (var (stream, text) in step.Output)
                sb.Append("<span class=\"").Append(E(stream)).Append("\">").Append(E(text)).Append("</span>\n");
            sb.Append("</pre>\n");
        }

        sb.Append("</details>\n");
    }

    private static void Gate(StringBuilder sb, GateReport gate)
    {
        var status = gate.Status ?? "running";
        sb.Append(CultureInfo.InvariantCulture, $"<details class=\"gate st-{E(status)}\" id=\"{Anchor(gate.Id)}\">")
            .Append("<summary>")
            .Append(Status(status))
            .Append(gate.Precondition ? " precondition" : " gate")
            .Append(" <b>")
            .Append(E(gate.Name))
            .Append("</b>")
            .Append(gate.Duration is { } d ? E($" · {Duration(d)}") : string.Empty)
            .Append("</summary>\n");
        if (gate.Why is { } why)
            sb.Append("<p class=\"why\">").Append(E(why)).Append("</p>\n");
        if (gate.Command is { } command)
            sb.Append("<pre class=\"command\">").Append(E(command)).Append("</pre>\n");
        foreach (var check in gate.Checks)
        {
            sb.Append("<p class=\"check\">")
                .Append(E($"{check.Host}: {check.Status}"))
                .Append(check.ExitCode is { } code ? E($" (exit {code})") : string.Empty)
                .Append("</p>");
            if (check.Text is { Length: > 0 } text)
                sb.Append("<pre class=\"output\">").Append(E(text)).Append("</pre>");
            sb.Append('\n');
        }

        sb.Append("</details>\n");
    }

    private static (DateTimeOffset From, DateTimeOffset To)? BatchSpan(BatchReport b)
    {
        var times = new[] { b.Started, b.Ended }
            .Concat(b.Steps.SelectMany(s => new[] { s.Started, s.Ended }))
            .Concat(b.Gates.Select(g => g.Ended))
            .OfType<DateTimeOffset>()
            .ToList();
        return times.Count == 0 ? null : (times.Min(), times.Max());
    }

    private static void Fact(StringBuilder sb, string name, string value) =>
        sb.Append("<dt>").Append(E(name)).Append("</dt><dd>").Append(E(value)).Append("</dd>\n");

    private static string Status(string? status) =>
        status is null ? string.Empty : $" <span class=\"status st-{E(status)}\">{E(status)}</span>";

    /// <summary>An id attribute from a step id: letters, digits, '-' and '.'; anything else as '_'.</summary>
    private static string Anchor(string id) =>
        "s-" + string.Concat(id.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' ? c : '_'));

    /// <summary>HTML-escaped; control characters (an ANSI colour in output) shown as \x1b, not dropped.</summary>
    internal static string E(string text) => WebUtility.HtmlEncode(VisibleText.Escape(text));

    private static string F(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);

    internal static string Stamp(DateTimeOffset at) =>
        at.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    internal static string Duration(TimeSpan d) =>
        d < TimeSpan.FromSeconds(1) ? $"{(int)d.TotalMilliseconds}ms"
        : d < TimeSpan.FromMinutes(1) ? d.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture) + "s"
        : $"{(int)d.TotalMinutes}m{d.Seconds:00}s";
}
