namespace Runbook.Diagnostics;

/// <summary>A diagnostic code with a title and the hint shown when the reporter has nothing more specific.</summary>
public sealed record DiagnosticCode(string Id, string Title, string? DefaultHint = null);
