using Runbook.Diagnostics;

namespace Runbook.Inventories;

/// <summary>A use of an INI group name that must be declared somewhere in the file, and what to say if it is not.</summary>
internal sealed record GroupReference(string Group, SourceSpan Span, string Message);
