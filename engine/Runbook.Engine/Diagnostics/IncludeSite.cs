namespace Runbook.Diagnostics;

/// <summary>
/// Where an included file was included: the <c>include:</c> item's position in the including file, and where that
/// file was itself included (null for the runbook). A diagnostic inside an included file carries it, so a message
/// names both the line that is wrong and the include that brought it in.
/// </summary>
public sealed record IncludeSite(SourceSpan Span, IncludeSite? Parent)
{
    /// <summary>The include sites from the nearest outwards: the included file's own site first, the runbook's
    /// last.</summary>
    public IEnumerable<SourceSpan> Chain()
    {
        for (var site = this; site is not null; site = site.Parent)
            yield return site.Span;
    }
}
