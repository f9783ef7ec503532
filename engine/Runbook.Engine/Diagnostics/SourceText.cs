using System.Security.Cryptography;
using System.Text;

namespace Runbook.Diagnostics;

/// <summary>The text of a source file, kept so that diagnostics can quote the offending line.</summary>
public sealed class SourceText
{
    private readonly string[] _lines;
    private string? _sha256;

    public SourceText(string path, string text)
    {
        Path = path;
        Text = text;
        _lines = text.Split('\n');
    }

    /// <summary>Text decoded from <paramref name="bytes"/>, which are what <see cref="Sha256"/> hashes.</summary>
    internal SourceText(string path, string text, byte[] bytes)
        : this(path, text)
    {
        _sha256 = Convert.ToHexStringLower(SHA256.HashData(bytes));
    }

    public string Path { get; }

    public string Text { get; }

    /// <summary>
    /// SHA-256 (hex) of the file's bytes as read (a byte order mark included), or of the text as UTF-8 when it was
    /// not read from a file: a resumed run compares it with the one recorded when the run started.
    /// </summary>
    public string Sha256 => _sha256 ??= Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Text)));

    public string? Line(int line) => line >= 1 && line <= _lines.Length ? _lines[line - 1].TrimEnd('\r') : null;
}
