namespace Runbook.Diagnostics;

/// <summary>Collects diagnostics so that every problem in an input is reported, not just the first.</summary>
public sealed class DiagnosticBag
{
    private readonly List<Diagnostic> _items = [];
    private readonly HashSet<Diagnostic> _seen = [];
    private readonly List<(string File, IncludeSite Site)> _included = [];

    public bool HasErrors { get; private set; }

    public int Count => _items.Count;

    public void Add(Diagnostic diagnostic)
    {
        diagnostic = WithSite(diagnostic);
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

    /// <summary>
    /// Until disposed, a diagnostic added in <paramref name="file"/> carries <paramref name="site"/>: used while an
    /// included file is read or its steps compiled, so every message in it also names the include.
    /// </summary>
    internal IDisposable Within(string file, IncludeSite site)
    {
        _included.Add((file, site));
        var depth = _included.Count;
        return new Scope(() => _included.RemoveRange(depth - 1, _included.Count - depth + 1));
    }

    private Diagnostic WithSite(Diagnostic diagnostic)
    {
        if (diagnostic.IncludedFrom is not null)
            return diagnostic;
        for (var i = _included.Count - 1; i >= 0; i--)
        {
            if (_included[i].File == diagnostic.Span.File)
                return diagnostic with { IncludedFrom = _included[i].Site };
        }

        return diagnostic;
    }

    private sealed class Scope(Action dispose) : IDisposable
    {
        public void Dispose() => dispose();
    }

    /// <summary>All diagnostics, sorted by file, line, column and code: stable output for people and snapshots.</summary>
    public IReadOnlyList<Diagnostic> ToSortedList()
    {
        var copy = _items.ToList();
        copy.Sort(Diagnostic.Compare);
        return copy;
    }
}
