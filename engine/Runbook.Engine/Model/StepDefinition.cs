using Runbook.Diagnostics;

namespace Runbook.Model;

/// <summary>
/// A step as written. <see cref="Spec"/> is what it does (one record per kind); it is null only when the step named no
/// kind or several, which the reader has already reported as an error.
/// </summary>
public sealed record StepDefinition(
    string Name,
    StepSpec? Spec,
    bool Become,
    Duration? Timeout,
    TemplateText? When,
    IReadOnlyList<EnvEntry> Env,
    HostTarget? On,
    SourceSpan Span
)
{
    /// <summary>'capture: NAME': the step's trimmed stdout is kept for later templates on the same host as captures.NAME.</summary>
    public string? Capture { get; init; }

    public SourceSpan? CaptureSpan { get; init; }

    /// <summary>The include that brought the step in; null for a step written in the runbook.</summary>
    internal IncludeOrigin? Origin { get; init; }

    /// <summary>'retries: { count, delay }' (run steps only): how often a failed attempt is run again.</summary>
    public StepRetries? Retries { get; init; }

    /// <summary>'retries' written with templates over params; the compiler resolves it into <see cref="Retries"/>.
    /// </summary>
    internal RetriesTemplates? RetriesTemplates { get; init; }

    /// <summary>Whether the step runs on the controller ('on: local') rather than over SSH on its host.</summary>
    internal bool Local => On?.Mode == TargetMode.Local;

    /// <summary>'requires': commands the step needs on its host, checked by the run's preflight.</summary>
    public IReadOnlyList<string> Requires { get; init; } = [];

    /// <summary>
    /// Whether the step writes 'become' itself (true or false): then it wins over the inventory's ansible_become;
    /// without it the host's ansible_become decides (Compilation/InventoryBecome).
    /// </summary>
    internal bool BecomeGiven { get; init; }

    /// <summary>'disrupts': what the step says it takes down on its host; null when it says nothing.</summary>
    internal DeclaredDisruption? Disrupts { get; init; }
}
