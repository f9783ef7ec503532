using Runbook.Diagnostics;

namespace Runbook.Parsing;

/// <summary>A loaded YAML file: its text (for carets) and its root node, or null when it could not be parsed.</summary>
internal sealed record SourceDocument(SourceText Source, SyntaxNode? Root)
{
    public string Path => Source.Path;
}
