using System.Globalization;
using Runbook.Diagnostics;
using Runbook.Model;

namespace Runbook.Compilation;

/// <summary>
/// Resolves a phase's 'serial', 'max_failures' and 'max_fail_percent' written as templates over params, so the graph
/// (and every plan) holds the values; a value that is not valid is an error at the template, naming the params read.
/// </summary>
internal static class RolloutResolver
{
    private const string SerialRule =
        "a host count of at least 1, a percentage from 1% to 100%, or a ramp of them separated by commas";

    public static PhaseDefinition Resolve(CompileContext ctx, PhaseDefinition phase)
    {
        if (phase.Rollout is not { } rollout)
            return phase;
        var resolved = phase;
        if (Render(ctx, rollout.Serial) is { } serial)
        {
            if (ParseSerial(serial) is { } spec)
                resolved = resolved with { Serial = spec };
            else
                Report(ctx, Codes.BadSerial, "serial", rollout.Serial!, serial, SerialRule);
        }

        if (Render(ctx, rollout.MaxFailures) is { } failures)
        {
            if (Whole(failures) is { } n)
                resolved = resolved with { MaxFailures = n };
            else
                Report(ctx, Codes.InvalidValue, "max_failures", rollout.MaxFailures!, failures, "a whole number");
        }

        if (Render(ctx, rollout.MaxFailPercent) is { } percent)
        {
            if (Whole(percent) is { } p and <= 100)
                resolved = resolved with { MaxFailPercent = p };
            else
                Report(ctx, Codes.InvalidValue, "max_fail_percent", rollout.MaxFailPercent!, percent, "from 0 to 100");
        }

        return resolved;
    }

    /// <summary>Null when the template was already reported (it reads more than params, or does not parse).</summary>
    private static string? Render(CompileContext ctx, TemplateText? text) =>
        text is null ? null : ctx.Render(text, ctx.RootScope, string.Empty, shellQuote: false)?.Trim();

    /// <summary>"2", "25%", or a ramp "1, 2, 50%" (a list param joined with commas), optionally in brackets.</summary>
    private static SerialSpec? ParseSerial(string text)
    {
        var inner = text.StartsWith('[') && text.EndsWith(']') ? text[1..^1] : text;
        var sizes = new List<BatchSize>();
        foreach (var part in inner.Split(','))
        {
            var item = part.Trim();
            if (item.EndsWith('%') && Whole(item[..^1]) is { } p and >= 1 and <= 100)
                sizes.Add(new BatchSize(p, true));
            else if (Whole(item) is { } n and >= 1)
                sizes.Add(new BatchSize(n, false));
            else
                return null;
        }

        return new SerialSpec(sizes);
    }

    private static int? Whole(string text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null;

    private static void Report(
        CompileContext ctx,
        DiagnosticCode code,
        string key,
        TemplateText template,
        string value,
        string rule
    )
    {
        var read = ctx
            .Templates.Get(template)!
            .Analysis.Members.Where(m => m.Root == "params")
            .Select(m => m.Member)
            .Distinct(StringComparer.Ordinal)
            .Select(name => ctx.Params.Display.FirstOrDefault(p => p.Name == name))
            .OfType<Graph.ParamValue>()
            .Select(p => $"params.{p.Name} = {p.Display}")
            .ToList();
        var from = read.Count == 0 ? string.Empty : $" ({string.Join(", ", read)})";
        ctx.Diagnostics.Error(
            code,
            template.Span,
            $"'{key}' renders to '{ctx.Masker.Apply(value)}'{from}, which is not valid: it must be {rule}"
        );
    }
}
