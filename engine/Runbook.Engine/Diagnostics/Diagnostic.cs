namespace Runbook.Diagnostics;

/// <summary>One finding about a user's input: a stable code, where it is, what is wrong and how to fix it.</summary>
public sealed record Diagnostic(string Code, Severity Severity, SourceSpan Span, string Message, string? Hint = null)
{
    public bool IsError => Severity == Severity.Error;

    /// <summary>For a problem inside an included file, the include that brought the file in; null otherwise.</summary>
    public IncludeSite? IncludedFrom { get; init; }

    internal static int Compare(Diagnostic? a, Diagnostic? b)
    {
        if (ReferenceEquals(a, b))
            return 0;
        if (a is null)
            return -1;
        if (b is null)
            return 1;
        var c = string.CompareOrdinal(a.Span.File, b.Span.File);
        if (c != 0)
            return c;
        c = a.Span.Line.CompareTo(b.Span.Line);
        if (c != 0)
            return c;
        c = a.Span.Column.CompareTo(b.Span.Column);
        if (c != 0)
            return c;
        c = string.CompareOrdinal(a.Code, b.Code);
        if (c != 0)
            return c;
        c = string.CompareOrdinal(a.Message, b.Message);
        return c != 0 ? c : string.CompareOrdinal(a.IncludedFrom?.ToString(), b.IncludedFrom?.ToString());
    }
}
