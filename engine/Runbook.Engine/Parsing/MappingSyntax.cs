using Runbook.Diagnostics;

namespace Runbook.Parsing;

internal sealed class MappingSyntax(SourceSpan span, IReadOnlyList<KeyValuePair<ScalarSyntax, SyntaxNode>> entries)
    : SyntaxNode(span)
{
    /// <summary>Entries in source order. Keys are unique: the loader reports duplicates and keeps the first.</summary>
    public IReadOnlyList<KeyValuePair<ScalarSyntax, SyntaxNode>> Entries { get; } = entries;

    public SyntaxNode? this[string key]
    {
        get
        {
            foreach (var e in Entries)
            {
                if (e.Key.Value == key)
                    return e.Value;
            }

            return null;
        }
    }

    public ScalarSyntax? KeyOf(string key) => Entries.FirstOrDefault(e => e.Key.Value == key).Key;

    public override string Describe() => "a mapping";
}
