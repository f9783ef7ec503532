namespace Runbook.Diagnostics;

/// <summary>The text of a source file, kept so that diagnostics can quote the offending line.</summary>
public sealed class SourceText
{
    private readonly string[] _lines;

    public SourceText(string path, string text)
    {
        Path = path;
        Text = text;
        _lines = text.Split('\n');
    }

    public string Path { get; }

    public string Text { get; }

    public string? Line(int line) =>
        line >= 1 && line <= _lines.Length ? _lines[line - 1].TrimEnd('\r') : null;
}
