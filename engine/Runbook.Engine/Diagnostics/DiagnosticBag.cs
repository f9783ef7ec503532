namespace Runbook.Diagnostics;

/// <summary>Collects diagnostics so that every problem in an input is reported, not just the first.</summary>
public sealed class DiagnosticBag
{
    private readonly List<Diagnostic> _items = [];
    private readonly HashSet<Diagnostic> _seen = [];

    public bool HasErrors { get; private set; }

    public int Count => _items.Count;

    public void Add(Diagnostic diagnostic)
    {
        if (!_seen.Add(diagnostic))
            return;
        _items.Add(diagnostic);
        HasErrors |= diagnostic.IsError;
    }

    public void Error(DiagnosticCode code, SourceSpan span, string message, string? hint = null) =>
        Add(new Diagnostic(code.Id, Severity.Error, span, message, hint ?? code.DefaultHint));

    public void Warning(DiagnosticCode code, SourceSpan span, string message, string? hint = null) =>
        Add(new Diagnostic(code.Id, Severity.Warning, span, message, hint ?? code.DefaultHint));

    public void AddRange(IEnumerable<Diagnostic> diagnostics)
    {
        foreach (var d in diagnostics)
            Add(d);
    }

    /// <summary>All diagnostics, sorted by file, line, column and code: stable output for people and snapshots.</summary>
    public IReadOnlyList<Diagnostic> ToSortedList()
    {
        var copy = _items.ToList();
        copy.Sort(Diagnostic.Compare);
        return copy;
    }
}
