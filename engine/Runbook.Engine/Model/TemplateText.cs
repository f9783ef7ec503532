using Runbook.Diagnostics;

namespace Runbook.Model;

/// <summary>Liquid template text from the runbook, with where its first character sits in the YAML file.</summary>
public sealed record TemplateText(string Source, SourceSpan Span)
{
    public bool IsTemplate =>
        Source.Contains("{{", StringComparison.Ordinal) || Source.Contains("{%", StringComparison.Ordinal);

    public override string ToString() => Source;
}
