using Runbook.Diagnostics;

namespace Runbook.Safety;

/// <summary>A change or a shape of plan that makes a rollout riskier: a stable code, the phase, and a one-line reason.</summary>
public sealed record RiskNote(string Code, Severity Severity, string Phase, string Message, SourceSpan Span)
{
    public Diagnostic ToDiagnostic(string? hint) => new(Code, Severity, Span, Message, hint);
}
