using System.Globalization;
using Runbook.Diagnostics;
using Runbook.Model;

namespace Runbook.Compilation;

/// <summary>
/// Resolves 'retries' written with templates over params (<c>count: "{{ params.retries }}"</c>) into values, once per
/// step rather than once per host, so the graph (and every plan) holds them; a value that is not valid is an error at
/// the template.
/// </summary>
internal static class RetriesResolver
{
    public static PhaseDefinition Resolve(CompileContext ctx, PhaseDefinition phase)
    {
        if (!phase.Steps.Concat(phase.OnFailure).Concat(phase.Finally).Any(s => s.RetriesTemplates is not null))
            return phase;
        return phase with
        {
            Steps = [.. phase.Steps.Select(s => Resolve(ctx, s))],
            OnFailure = [.. phase.OnFailure.Select(s => Resolve(ctx, s))],
            Finally = [.. phase.Finally.Select(s => Resolve(ctx, s))],
        };
    }

    private static StepDefinition Resolve(CompileContext ctx, StepDefinition step)
    {
        if (step.RetriesTemplates is not { } t)
            return step;
        using var within = IncludeBinder.Within(ctx.Diagnostics, step.Origin);
        var scope = ctx.ScopeFor(step.Origin, ctx.RootScope);
        var count = t.CountValue;
        if (t.Count is not null && Render(ctx, t.Count, scope) is { } countText)
        {
            count =
                int.TryParse(countText, NumberStyles.None, CultureInfo.InvariantCulture, out var n)
                && n is >= 1 and <= StepRetries.MaxCount
                    ? n
                    : null;
            if (count is null)
                Report(ctx, "count", t.Count, countText, $"a whole number from 1 to {StepRetries.MaxCount}");
        }
        else if (t.Count is not null)
        {
            count = null; // the template was reported
        }

        Duration? delay = t.DelayValue;
        if (t.Delay is not null && Render(ctx, t.Delay, scope) is { } delayText)
        {
            delay = Duration.TryParse(delayText, out var d) ? d : null;
            if (delay is null)
                Report(ctx, "delay", t.Delay, delayText, "a duration such as 10s or 1m");
        }
        else if (t.Delay is not null)
        {
            delay = null;
        }

        var retries = count is { } c && delay is { } w ? new StepRetries(c, w) : null;
        return step with { Retries = retries, RetriesTemplates = null };
    }

    private static string? Render(CompileContext ctx, TemplateText text, Templating.TemplateScope scope) =>
        ctx.Render(text, scope, string.Empty, shellQuote: false)?.Trim();

    private static void Report(CompileContext ctx, string key, TemplateText template, string value, string rule) =>
        ctx.Diagnostics.Error(
            Codes.InvalidValue,
            template.Span,
            $"'{key}' of 'retries' renders to '{ctx.Masker.Apply(value)}', which is not valid: it must be {rule}"
        );
}
