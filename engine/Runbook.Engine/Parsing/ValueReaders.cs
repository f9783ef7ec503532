using System.Globalization;
using Runbook.Diagnostics;
using Runbook.Model;

namespace Runbook.Parsing;

/// <summary>Readers for the small value types of the language: durations, serial, templates.</summary>
internal static class ValueReaders
{
    public static TemplateText? Template(NodeReader r, SyntaxNode? node, string what)
    {
        var s = r.Scalar(node, what);
        if (s is null || s.IsNull)
            return null;
        return new TemplateText(s.Value, s.Span.WithOffset(s.ContentOffset, s.Value.Length));
    }

    public static Duration? Duration(NodeReader r, MappingSyntax map, string key)
    {
        if (map[key] is not { } node)
            return null;
        var s = r.Scalar(node, $"'{key}'");
        if (s is null)
            return null;
        if (Model.Duration.TryParse(s.Value, out var d))
            return d;
        r.Diagnostics.Error(Codes.BadDuration, s.Span, $"'{key}' is not a duration: '{s.Value}'");
        return null;
    }

    public static SerialSpec Serial(NodeReader r, SyntaxNode? node)
    {
        if (node is null)
            return SerialSpec.All;
        var items = node is SequenceSyntax seq ? seq.Items : [node];
        if (items.Count == 0)
        {
            r.Diagnostics.Error(Codes.BadSerial, node.Span, "'serial' is an empty list");
            return SerialSpec.All;
        }

        var sizes = new List<BatchSize>();
        foreach (var item in items)
        {
            if (BatchSizeOf(item) is { } size)
            {
                sizes.Add(size);
                continue;
            }

            var text = item is ScalarSyntax s ? $"'{s.Value}'" : item.Describe();
            r.Diagnostics.Error(
                Codes.BadSerial,
                item.Span,
                $"'serial' must be a host count of at least 1 or a percentage from 1% to 100%, not {text}"
            );
        }

        return sizes.Count == items.Count ? new SerialSpec(sizes) : SerialSpec.All;
    }

    private static BatchSize? BatchSizeOf(SyntaxNode node)
    {
        if (node is not ScalarSyntax s)
            return null;
        if (s.AsInteger() is { } n)
            return n is >= 1 and <= int.MaxValue ? new BatchSize((int)n, false) : null;
        var text = s.Value.Trim();
        if (
            text.EndsWith('%')
            && int.TryParse(text[..^1], NumberStyles.None, CultureInfo.InvariantCulture, out var p)
            && p is >= 1 and <= 100
        )
        {
            return new BatchSize(p, true);
        }

        return null;
    }
}
