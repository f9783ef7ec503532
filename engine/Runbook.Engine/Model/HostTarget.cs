using Runbook.Diagnostics;
using Runbook.Selectors;

namespace Runbook.Model;

/// <summary>The 'on' of a step or gate: a selector and how it applies (each, any(...) or all(...)).</summary>
public sealed record HostTarget(TargetMode Mode, Selector Selector, SourceSpan Span)
{
    public override string ToString() =>
        Mode switch
        {
            TargetMode.Any => $"any({Selector})",
            TargetMode.All => $"all({Selector})",
            _ => Selector.ToString(),
        };
}
