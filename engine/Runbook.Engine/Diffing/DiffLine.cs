namespace Runbook.Diffing;

/// <summary>One line of a diff: its nesting depth, a mark ('-' base only, '+' head only, ' ' context) and its text.</summary>
public sealed record DiffLine(int Depth, char Mark, string Text)
{
    public static DiffLine Note(int depth, string text) => new(depth, ' ', text);
}
