using Runbook.Diagnostics;
using Runbook.Model;
using Runbook.Steps;

namespace Runbook.Parsing;

/// <summary>Reads a step's 'retries: { count: 3, delay: 10s }'; either value may be a template over params
/// (<c>count: "{{ params.retries }}"</c>), kept as text for the compiler to resolve.</summary>
internal static class RetriesReader
{
    private static readonly string[] Keys = ["count", "delay"];

    /// <param name="kind">The step's kind, when it has exactly one: only kinds that <c>CanRetry</c> retry.</param>
    public static (StepRetries? Retries, RetriesTemplates? Templates) Read(
        NodeReader r,
        SyntaxNode? node,
        IStepKind? kind,
        string where
    )
    {
        if (node is null)
            return (null, null);
        var map = r.Mapping(node, "'retries'");
        if (map is null)
            return (null, null);
        r.CheckKeys(map, $"'retries' of {where}", Keys);
        var countTemplate = Template(r, map, "count");
        var delayTemplate = Template(r, map, "delay");
        var count = countTemplate is null ? Count(r, map, where) : null;
        var delay =
            delayTemplate is not null || map["delay"] is null
                ? StepRetries.DefaultDelay
                : ValueReaders.Duration(r, map, "delay");
        if (kind is { CanRetry: false })
        {
            r.Diagnostics.Error(
                Codes.RetriesNotHere,
                node.Span,
                $"{where} is a '{kind.Key}' step and cannot have 'retries'"
            );
            return (null, null);
        }

        if (countTemplate is not null || delayTemplate is not null)
        {
            if ((countTemplate is null && count is null) || delay is null)
                return (null, null); // the literal one was wrong: reported
            return (null, new RetriesTemplates(countTemplate, count, delayTemplate, delay.Value));
        }

        return (count is { } c && delay is { } d ? new StepRetries(c, d) : null, null);
    }

    private static TemplateText? Template(NodeReader r, MappingSyntax map, string key) =>
        map[key] is ScalarSyntax { IsNull: false } s
        && ValueReaders.Template(r, s, $"'{key}' of 'retries'") is { IsTemplate: true } t
            ? t
            : null;

    private static int? Count(NodeReader r, MappingSyntax map, string where)
    {
        if (map["count"] is not { } node)
        {
            r.Diagnostics.Error(
                Codes.MissingKey,
                map.Span,
                $"'retries' of {where} needs 'count'",
                "add 'count: N', how many times a failed attempt is run again"
            );
            return null;
        }

        if (node is ScalarSyntax s && s.AsInteger() is { } n)
        {
            if (n is >= 1 and <= StepRetries.MaxCount)
                return (int)n;
            r.Diagnostics.Error(
                Codes.InvalidValue,
                node.Span,
                $"'count' of 'retries' must be from 1 to {StepRetries.MaxCount}, not {s.Value}"
            );
            return null;
        }

        r.WrongType(node, "'count' of 'retries'", "a whole number");
        return null;
    }
}
