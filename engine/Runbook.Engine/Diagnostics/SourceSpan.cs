namespace Runbook.Diagnostics;

/// <summary>A position in a source file: 1-based line and column, plus the length to underline.</summary>
public readonly record struct SourceSpan(string File, int Line, int Column, int Length = 1)
{
    public static SourceSpan None(string file) => new(file, 0, 0, 0);

    public bool IsKnown => Line > 0;

    public SourceSpan WithOffset(int columns, int length) =>
        this with
        {
            Column = Column + columns,
            Length = Math.Max(1, length),
        };

    public override string ToString() => IsKnown ? $"{File}:{Line}:{Column}" : File;
}
