namespace Runbook.Model;

/// <summary>A check retried every <see cref="Every"/> until it passes or <see cref="Within"/> runs out.</summary>
public sealed record VerifyDefinition(TemplateText Run, Expectation Expect, Duration Every, Duration Within);
