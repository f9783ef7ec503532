using Runbook.Model;

namespace Runbook.Steps;

/// <summary>A template of a step spec; <see cref="NoCaptures"/> names it in the error when it may not read
/// captures.</summary>
internal sealed record StepTemplate(TemplateText Text, string? NoCaptures = null)
{
    /// <summary>A shell command: where each value sits in its shell text is checked (docs/language.md,
    /// Quoting).</summary>
    public bool Shell { get; init; }
}
