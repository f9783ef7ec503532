using Runbook.Diagnostics;

namespace Runbook.Inventories;

/// <summary>Host <paramref name="From"/> connects through host <paramref name="To"/>, as written at <paramref name="Span"/>.</summary>
internal sealed record JumpReference(string From, string To, SourceSpan Span);
