using Runbook.Diagnostics;

namespace Runbook.Model;

/// <summary>A runbook variable: a literal value (string, number, boolean, list or mapping), available as vars.NAME.</summary>
public sealed record VarDefinition(string Name, object? Value, SourceSpan Span);
