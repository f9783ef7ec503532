using Runbook.Diagnostics;
using Runbook.Model;
using Runbook.Selectors;

namespace Runbook.Parsing;

/// <summary>
/// Parses an 'on' target: any(selector), all(selector) or a plain selector (each matching host); for a step, also
/// 'local' (the controller). Here rather than in Selectors, which knows selectors only, so that Model (whose steps and
/// phases hold selectors) sits above Selectors.
/// </summary>
internal static class HostTargetParser
{
    /// <param name="allowLocal">Whether 'local' may be written: steps run there, gates check hosts.</param>
    public static HostTarget? Parse(string text, SourceSpan start, DiagnosticBag diagnostics, bool allowLocal = false)
    {
        var trimmed = text.Trim();
        if (trimmed == HostTarget.LocalWord)
        {
            if (allowLocal)
                return HostTarget.Local(start);
            diagnostics.Error(
                Codes.BadSelector,
                start,
                "'on: local' is for steps: a gate checks inventory hosts",
                "run the check as a 'verify' step with 'on: local', or name the hosts the gate checks"
            );
            return null;
        }

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
