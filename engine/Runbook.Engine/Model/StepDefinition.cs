using Runbook.Diagnostics;

namespace Runbook.Model;

/// <summary>A step as written. Exactly one of <see cref="Run"/>, <see cref="Wait"/> and <see cref="Verify"/> is set.</summary>
public sealed record StepDefinition(
    string Name,
    StepKind Kind,
    TemplateText? Run,
    TemplateText? Wait,
    VerifyDefinition? Verify,
    bool Become,
    Duration? Timeout,
    TemplateText? When,
    IReadOnlyList<EnvEntry> Env,
    HostTarget? On,
    SourceSpan Span)
{
    /// <summary>'capture: NAME': the step's trimmed stdout is kept for later templates on the same host as captures.NAME.</summary>
    public string? Capture { get; init; }

    public SourceSpan? CaptureSpan { get; init; }
}
