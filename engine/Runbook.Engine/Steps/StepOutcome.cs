using Runbook.Execution;

namespace Runbook.Steps;

/// <summary>How a step's work ended on its host: what the step-finished event records.</summary>
/// <param name="Changed">For kinds that know (file steps): whether the host was changed or already as asked.</param>
internal sealed record StepOutcome(
    StepStatus Status,
    int? Exit = null,
    int? Attempts = null,
    string? Why = null,
    string? Stdout = null,
    bool? Changed = null
)
{
    public static readonly StepOutcome Ok = new(StepStatus.Ok);
}
