using Runbook.Diagnostics;

namespace Runbook.Inventories;

/// <summary>
/// The files the -i paths stand for, as Ansible finds them: a file is itself; a directory is every file in it and its
/// subdirectories, sorted by name, skipping hidden entries, group_vars/, host_vars/, vars_plugins/ and the extensions
/// Ansible ignores there (~ .orig .ini .cfg .retry .pyc .pyo .swp .bak .rpm .md .txt .rst). Vars files are looked
/// up beside each -i path: in the directory itself, or in the directory of the file.
/// </summary>
internal static class InventorySources
{
    private static readonly string[] IgnoredNames = ["group_vars", "host_vars", "vars_plugins"];
    private static readonly string[] IgnoredEndings =
    [
        "~",
        ".orig",
        ".ini",
        ".cfg",
        ".retry",
        ".pyc",
        ".pyo",
        ".swp",
        ".bak",
        ".rpm",
        ".md",
        ".txt",
        ".rst",
    ];

    /// <summary>The inventory files of one -i path, or null after reporting that it does not exist.</summary>
    public static List<string>? Files(string path, DiagnosticBag diagnostics)
    {
        if (Directory.Exists(path))
            return Walk(path);
        if (File.Exists(path))
            return [path];
        var hint = "check the path; it is relative to the current directory";
        diagnostics.Error(Codes.FileUnreadable, SourceSpan.None(path), "file not found", hint);
        return null;
    }

    /// <summary>Where group_vars/ and host_vars/ of the -i path <paramref name="path"/> are.</summary>
    public static string VarsDirectory(string path) =>
        Directory.Exists(path)
            ? path
            : Path.GetDirectoryName(Path.GetFullPath(path)) ?? Directory.GetCurrentDirectory();

    /// <summary>
    /// True for a file to run rather than read: executable and starting with '#!' (or a binary, which has no text to
    /// read). An executable file without '#!' is text with a stray mode bit, as often happens on checkouts; Ansible
    /// tries to run it, fails and reads it as text, so reading it as text agrees.
    /// </summary>
    public static bool IsScript(string path) =>
        IsExecutable(path) && (StartsWith(path, "#!"u8) || StartsWith(path, "\x7fELF"u8));

    /// <summary>True for a file that starts with '#!' but cannot be run: a script someone forgot to chmod +x.</summary>
    public static bool IsUnrunnableScript(string path) => !IsExecutable(path) && StartsWith(path, "#!"u8);

    private static List<string> Walk(string directory)
    {
        var files = new List<string>();
        IEnumerable<string> entries;
        try
        {
            entries = Directory.EnumerateFileSystemEntries(directory).Order(StringComparer.Ordinal).ToList();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return files;
        }

        foreach (var entry in entries)
        {
            var name = Path.GetFileName(entry);
            if (name.StartsWith('.') || IgnoredNames.Contains(name, StringComparer.Ordinal))
                continue;
            if (IgnoredEndings.Any(e => name.EndsWith(e, StringComparison.Ordinal)))
                continue;
            if (Directory.Exists(entry))
                files.AddRange(Walk(entry));
            else
                files.Add(entry);
        }

        return files;
    }

    private static bool IsExecutable(string path)
    {
        if (OperatingSystem.IsWindows())
            return false;
        try
        {
            var mode = File.GetUnixFileMode(path);
            return (mode & (UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute)) != 0;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    private static bool StartsWith(string path, ReadOnlySpan<byte> magic)
    {
        try
        {
            using var stream = File.OpenRead(path);
            Span<byte> head = stackalloc byte[4];
            var read = stream.ReadAtLeast(head, magic.Length, throwOnEndOfStream: false);
            return read >= magic.Length && head[..magic.Length].SequenceEqual(magic);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }
}
