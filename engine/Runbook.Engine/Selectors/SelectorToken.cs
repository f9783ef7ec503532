namespace Runbook.Selectors;

internal readonly record struct SelectorToken(SelectorTokenKind Kind, string Text, int Offset);

internal enum SelectorTokenKind
{
    Word,
    Quoted,
    Open,
    Close,
    Comma,
    Equal,
    NotEqual,
    End,
    Invalid,
}
