namespace Runbook.Diffing;

/// <summary>
/// One line of a diff: its nesting depth, a mark and its text. Marks: '-' only in the base, '+' only in the head,
/// '=' on both sides (context inside a line diff, aligned with '-' and '+' lines), ' ' a note about the change.
/// </summary>
public sealed record DiffLine(int Depth, char Mark, string Text)
{
    public const char Context = '=';

    public static DiffLine Note(int depth, string text) => new(depth, ' ', text);
}
