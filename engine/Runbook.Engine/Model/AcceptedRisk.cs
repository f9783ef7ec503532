using Runbook.Diagnostics;

namespace Runbook.Model;

/// <summary>
/// A safety warning a phase does on purpose (<c>accept_risks: { RB1001: why }</c>): the code, the reviewed reason,
/// and where it is written.
/// </summary>
public sealed record AcceptedRisk(string Code, string Reason, SourceSpan Span);
