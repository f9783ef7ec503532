using Runbook.Diagnostics;
using Runbook.Selectors;

namespace Runbook.Model;

public sealed record PhaseDefinition(
    string Name,
    string? Description,
    Selector Hosts,
    SourceSpan HostsSpan,
    SerialSpec Serial,
    int MaxFailures,
    int? MaxFailPercent,
    bool AllowEmpty,
    IReadOnlyList<StepDefinition> Steps,
    IReadOnlyList<GateDefinition> Gates,
    SourceSpan Span
)
{
    /// <summary>Safety warnings the phase does on purpose, with the reason (<c>accept_risks</c>).</summary>
    public IReadOnlyList<AcceptedRisk> AcceptedRisks { get; init; } = [];

    /// <summary>
    /// 'serial', 'max_failures' or 'max_fail_percent' written as templates over params; the compiler resolves them
    /// into <see cref="Serial"/>, <see cref="MaxFailures"/> and <see cref="MaxFailPercent"/>. Null when none is.
    /// </summary>
    public RolloutTemplates? Rollout { get; init; }

    /// <summary>Steps run on a host after one of its steps failed, before it is given up (<c>on_failure</c>).</summary>
    public IReadOnlyList<StepDefinition> OnFailure { get; init; } = [];

    /// <summary>Steps run on every host that started the phase's steps, failed or not (<c>finally</c>).</summary>
    public IReadOnlyList<StepDefinition> Finally { get; init; } = [];

    /// <summary>Checks, shaped like gates, that must pass before every batch, the first included.</summary>
    public IReadOnlyList<GateDefinition> Preconditions { get; init; } = [];
}
