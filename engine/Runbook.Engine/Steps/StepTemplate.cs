using Runbook.Model;

namespace Runbook.Steps;

/// <summary>A template of a step spec; <see cref="NoCaptures"/> names it in the error when it may not read
/// captures.</summary>
internal sealed record StepTemplate(TemplateText Text, string? NoCaptures = null);
