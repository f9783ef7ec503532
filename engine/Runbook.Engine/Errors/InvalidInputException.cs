using Runbook.Diagnostics;

namespace Runbook.Errors;

/// <summary>A runbook, inventory or param was invalid; <see cref="Diagnostics"/> holds every problem found.</summary>
public sealed class InvalidInputException(IReadOnlyList<Diagnostic> diagnostics)
    : RunbookException(DiagnosticFormatter.Summary(diagnostics))
{
    public IReadOnlyList<Diagnostic> Diagnostics { get; } = diagnostics;
}
