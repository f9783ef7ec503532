using Runbook.Diagnostics;
using Runbook.Model;
using Runbook.Steps;

namespace Runbook.Parsing;

/// <summary>Reads a step's 'retries: { count: 3, delay: 10s }'.</summary>
internal static class RetriesReader
{
    private static readonly string[] Keys = ["count", "delay"];

    /// <param name="kind">The step's kind, when it has exactly one: only kinds that <c>CanRetry</c> retry.</param>
    public static StepRetries? Read(NodeReader r, SyntaxNode? node, IStepKind? kind, string where)
    {
        if (node is null)
            return null;
        var map = r.Mapping(node, "'retries'");
        if (map is null)
            return null;
        r.CheckKeys(map, $"'retries' of {where}", Keys);
        var count = Count(r, map, where);
        var delay = map["delay"] is null ? StepRetries.DefaultDelay : ValueReaders.Duration(r, map, "delay");
        if (kind is { CanRetry: false })
        {
            r.Diagnostics.Error(
                Codes.RetriesNotHere,
                node.Span,
                $"{where} is a '{kind.Key}' step and cannot have 'retries'"
            );
            return null;
        }

        return count is { } c && delay is { } d ? new StepRetries(c, d) : null;
    }

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
