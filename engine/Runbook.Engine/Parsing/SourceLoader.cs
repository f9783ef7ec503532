using System.Text;
using Runbook.Diagnostics;

namespace Runbook.Parsing;

/// <summary>Reads a runbook or inventory file defensively: missing, binary, oversized and malformed files become diagnostics.</summary>
internal static class SourceLoader
{
    public const long MaxBytes = 8 * 1024 * 1024;

    private static readonly UTF8Encoding StrictUtf8 = new(
        encoderShouldEmitUTF8Identifier: false,
        throwOnInvalidBytes: true
    );

    /// <summary>Reads a file's text, or reports why it cannot be read and returns null.</summary>
    public static SourceText? ReadText(string path, DiagnosticBag diagnostics)
    {
        byte[] bytes;
        try
        {
            var info = new FileInfo(path);
            if (!info.Exists)
            {
                diagnostics.Error(
                    Codes.FileUnreadable,
                    SourceSpan.None(path),
                    "file not found",
                    "check the path; it is relative to the current directory"
                );
                return null;
            }

            if (FileKind.Of(path) == FileKind.Kind.Other)
            {
                // Reading /dev/zero never ends and opening a FIFO waits for a writer: refuse before opening.
                diagnostics.Error(
                    Codes.FileUnreadable,
                    SourceSpan.None(path),
                    "not a regular file (a device, FIFO or socket)",
                    "give the path of a runbook or inventory file"
                );
                return null;
            }

            if (info.Length > MaxBytes)
            {
                diagnostics.Error(
                    Codes.FileTooLarge,
                    SourceSpan.None(path),
                    $"the file is {info.Length / (1024.0 * 1024.0):0.0} MiB; runbooks and inventories are limited "
                        + $"to {MaxBytes / (1024 * 1024)} MiB",
                    "split it, or check that this is the file you meant"
                );
                return null;
            }

            bytes = File.ReadAllBytes(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            diagnostics.Error(Codes.FileUnreadable, SourceSpan.None(path), ex.Message);
            return null;
        }

        return Decode(path, bytes, diagnostics);
    }

    public static SourceText? Decode(string path, byte[] bytes, DiagnosticBag diagnostics)
    {
        if (Array.IndexOf(bytes, (byte)0) >= 0)
        {
            diagnostics.Error(
                Codes.NotText,
                SourceSpan.None(path),
                "the file holds NUL bytes: it looks like a binary file"
            );
            return null;
        }

        string text;
        try
        {
            var skip = bytes.Length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF ? 3 : 0;
            text = StrictUtf8.GetString(bytes, skip, bytes.Length - skip);
        }
        catch (DecoderFallbackException)
        {
            diagnostics.Error(Codes.NotText, SourceSpan.None(path), "the file is not valid UTF-8 text");
            return null;
        }

        return new SourceText(path, text, bytes);
    }

    /// <summary>Loads and parses a YAML file; the root is null when the file is empty or could not be parsed.</summary>
    public static SourceDocument? LoadYaml(string path, DiagnosticBag diagnostics)
    {
        var text = ReadText(path, diagnostics);
        return text is null ? null : ParseYaml(text, diagnostics);
    }

    public static SourceDocument ParseYaml(SourceText text, DiagnosticBag diagnostics)
    {
        var root = new YamlTreeBuilder(text.Path, diagnostics).Build(text.Text);
        if (root is null && !diagnostics.HasErrors || root is ScalarSyntax { IsNull: true })
        {
            diagnostics.Error(Codes.EmptyFile, new SourceSpan(text.Path, 1, 1), "the file is empty");
            root = null;
        }

        return new SourceDocument(text, root);
    }
}
