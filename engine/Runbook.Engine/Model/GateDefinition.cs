using Runbook.Diagnostics;
using Runbook.Selectors;

namespace Runbook.Model;

/// <summary>A check run after every batch of a phase; the next batch starts only when it passes.</summary>
public sealed record GateDefinition(string Name, HostTarget? On, VerifyDefinition Verify, SourceSpan Span);
