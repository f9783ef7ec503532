using Runbook.Diagnostics;
using Runbook.Model;

namespace Runbook.Selectors;

/// <summary>The 'on' of a step or gate: a selector and how it applies (each, any(...) or all(...)).</summary>
public sealed record HostTarget(TargetMode Mode, Selector Selector, SourceSpan Span)
{
    public override string ToString() => Mode switch
    {
        TargetMode.Any => $"any({Selector})",
        TargetMode.All => $"all({Selector})",
        _ => Selector.ToString(),
    };
}
