using Runbook.Diagnostics;
using Runbook.Selectors;

namespace Runbook.Model;

/// <summary>The 'on' of a step or gate: a selector and how it applies (each, any(...) or all(...)).</summary>
public sealed record HostTarget(TargetMode Mode, Selector Selector, SourceSpan Span)
{
    /// <summary>The word 'on: local' is written with.</summary>
    internal const string LocalWord = "local";

    /// <summary>
    /// 'on: local': the step runs on the controller once for every host of the batch (each of them, as a plain
    /// selector matching every host would), with that host as its template context.
    /// </summary>
    internal static HostTarget Local(SourceSpan span) => new(TargetMode.Local, EveryHostSelector.Instance, span);

    public override string ToString() =>
        Mode switch
        {
            TargetMode.Any => $"any({Selector})",
            TargetMode.All => $"all({Selector})",
            TargetMode.Local => LocalWord,
            _ => Selector.ToString(),
        };
}
