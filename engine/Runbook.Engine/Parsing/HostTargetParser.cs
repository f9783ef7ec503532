using Runbook.Diagnostics;
using Runbook.Model;
using Runbook.Selectors;

namespace Runbook.Parsing;

/// <summary>
/// Parses an 'on' target: any(selector), all(selector) or a plain selector (each matching host). Here rather than in
/// Selectors, which knows selectors only, so that Model (whose steps and phases hold selectors) sits above Selectors.
/// </summary>
internal static class HostTargetParser
{
    public static HostTarget? Parse(string text, SourceSpan start, DiagnosticBag diagnostics)
    {
        var trimmed = text.Trim();
        foreach (var (word, mode) in new[] { ("any", TargetMode.Any), ("all", TargetMode.All) })
        {
            if (!trimmed.StartsWith(word, StringComparison.Ordinal))
                continue;
            if (!trimmed.AsSpan(word.Length).TrimStart().StartsWith("("))
                continue;
            if (!trimmed.EndsWith(')'))
            {
                var message = $"bad selector '{text}': expected ')' to close {word}(";
                diagnostics.Error(Codes.BadSelector, start.WithOffset(text.Length, 1), message);
                return null;
            }

            var open = text.IndexOf('(', StringComparison.Ordinal);
            var close = text.LastIndexOf(')');
            var inner = SelectorParser.Parse(text[(open + 1)..close], start.WithOffset(open + 1, 1), diagnostics);
            return inner is null ? null : new HostTarget(mode, inner, start);
        }

        var selector = SelectorParser.Parse(text, start, diagnostics);
        return selector is null ? null : new HostTarget(TargetMode.Each, selector, start);
    }
}
