using Runbook.Diagnostics;

namespace Runbook.Parsing;

internal sealed class SequenceSyntax(SourceSpan span, IReadOnlyList<SyntaxNode> items) : SyntaxNode(span)
{
    public IReadOnlyList<SyntaxNode> Items { get; } = items;

    public override string Describe() => "a list";
}
