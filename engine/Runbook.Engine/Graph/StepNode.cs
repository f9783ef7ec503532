using System.Collections.Immutable;
using Runbook.Diagnostics;
using Runbook.Model;

namespace Runbook.Graph;

/// <summary>One step on one host, fully rendered. <see cref="SkipReason"/> is set when its 'when' is false.</summary>
public sealed record StepNode(
    string Id,
    string Host,
    int Number,
    string Name,
    StepKind Kind,
    Command? Command,
    Duration? Wait,
    CheckNode? Check,
    Duration? Timeout,
    bool Become,
    ImmutableArray<EnvVar> Env,
    string? When,
    string? SkipReason,
    SourceSpan Span)
{
    /// <summary>'capture: NAME': after the step succeeds, its trimmed stdout is kept for this host as captures.NAME.</summary>
    public string? Capture { get; init; }

    /// <summary>Set when the step's command or condition reads captures: it is rendered again at run time.</summary>
    public RuntimeTemplate? Runtime { get; init; }
}
