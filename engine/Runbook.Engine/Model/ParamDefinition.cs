using Runbook.Diagnostics;

namespace Runbook.Model;

/// <summary>A typed input of a runbook. <see cref="Default"/> is the raw text, checked against the type.</summary>
public sealed record ParamDefinition(
    string Name,
    ParamType Type,
    object? Default,
    string? Description,
    bool Secret,
    string? FromEnv,
    SourceSpan Span
);
