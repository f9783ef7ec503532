using Runbook.Diagnostics;

namespace Runbook.Parsing;

/// <summary>A YAML node with its source position. The tree keeps every key, in order, duplicates included.</summary>
internal abstract class SyntaxNode(SourceSpan span)
{
    public SourceSpan Span { get; } = span;

    /// <summary>What the node is, as a user would say it: "a mapping", "a list", "a string".</summary>
    public abstract string Describe();
}
