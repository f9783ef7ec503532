using System.Diagnostics;
using System.Text;
using Runbook.Parsing;

namespace Runbook.Steps.Files;

/// <summary>
/// A file on the controller that a step reads (an upload's or template's 'src'), relative to the runbook file. When
/// the runbook itself was read from a git revision (<c>REV:PATH</c>, as <c>runbook diff main:x.yaml x.yaml</c> does),
/// the file is read from the same revision, so each side of a diff compares its own files.
/// </summary>
/// <param name="Written">'src' as the runbook wrote it: what plans show.</param>
/// <param name="Path">The absolute path, or the path in the revision.</param>
/// <param name="Revision">The git revision, or null for a file on disk.</param>
internal sealed record LocalFile(string Written, string Path, string? Revision)
{
    /// <summary>The most a text diff or a template file reads into memory.</summary>
    public const int MaxTextBytes = 1024 * 1024;

    /// <summary>The path as messages show it: relative to the current directory when it is under it, so the same
    /// runbook gives the same message in every checkout.</summary>
    public string Shown
    {
        get
        {
            if (Revision is not null)
                return Spec;
            var relative = System.IO.Path.GetRelativePath(Environment.CurrentDirectory, Path);
            return relative.StartsWith("..", StringComparison.Ordinal) || System.IO.Path.IsPathRooted(relative)
                ? Path
                : relative;
        }
    }

    public static LocalFile Resolve(string runbookFile, string src)
    {
        if (RevisionSource.IsRevision(runbookFile) && !System.IO.Path.IsPathRooted(src))
        {
            var colon = runbookFile.IndexOf(':', StringComparison.Ordinal);
            var inRevision = runbookFile[(colon + 1)..];
            var dir = System.IO.Path.GetDirectoryName(inRevision) ?? string.Empty;
            return new LocalFile(src, Normalize(dir.Length == 0 ? src : dir + "/" + src), runbookFile[..colon]);
        }

        var baseDir = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(runbookFile)) ?? ".";
        return new LocalFile(src, System.IO.Path.GetFullPath(System.IO.Path.Combine(baseDir, src)), null);
    }

    /// <summary>Why the file cannot be read ("no such file", "a directory"), or null when it can.</summary>
    public string? Problem()
    {
        if (Revision is { } rev)
        {
            var (exit, type) = Git("cat-file", "-t", Spec);
            return exit == 0 && type.Trim() == "blob" ? null : $"no file '{Path}' in git revision '{rev}'";
        }

        if (Directory.Exists(Path))
            return "it is a directory";
        if (!File.Exists(Path))
            return "no such file";
        return FileKind.Of(Path) == FileKind.Kind.Other ? "not a regular file (a device, FIFO or socket)" : null;
    }

    /// <summary>The file's bytes as a stream read in order; a revision's comes from git as it writes it.</summary>
    public Stream OpenRead()
    {
        if (Revision is null)
            return new FileStream(
                Path,
                FileMode.Open,
                FileAccess.Read,
                FileShare.Read,
                64 * 1024,
                FileOptions.SequentialScan
            );
        var git = Process.Start(GitStart("cat-file", "blob", Spec)) ?? throw new IOException("git did not start");
        return new ProcessOutput(git);
    }

    public FileDigest Digest()
    {
        using var stream = OpenRead();
        return FileDigest.Of(stream);
    }

    /// <summary>The file as text when it is UTF-8 text of at most <paramref name="max"/> bytes, else null.</summary>
    public string? ReadText(int max = MaxTextBytes)
    {
        using var stream = OpenRead();
        var buffer = new byte[max + 1];
        var total = 0;
        int read;
        while (total < buffer.Length && (read = stream.Read(buffer, total, buffer.Length - total)) > 0)
            total += read;
        if (total > max)
            return null;
        return Text(buffer.AsSpan(0, total));
    }

    /// <summary>UTF-8 text without NUL bytes (what diffs show line by line), else null.</summary>
    public static string? Text(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Contains((byte)0))
            return null;
        try
        {
            return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            return null;
        }
    }

    private string Spec => $"{Revision}:{Path}";

    /// <summary>Resolves "." and ".." in a path inside a revision (git does not); a leading "./" stays, as git reads it
    /// relative to the current directory.</summary>
    private static string Normalize(string path)
    {
        var parts = new List<string>();
        foreach (var part in path.Replace('\\', '/').Split('/'))
        {
            if (part is "" or ".")
                continue;
            if (part == ".." && parts.Count > 0 && parts[^1] != "..")
                parts.RemoveAt(parts.Count - 1);
            else
                parts.Add(part);
        }

        var joined = string.Join('/', parts);
        return path.StartsWith("./", StringComparison.Ordinal) ? "./" + joined : joined;
    }

    private static (int Exit, string Output) Git(params string[] args)
    {
        try
        {
            using var git = Process.Start(GitStart(args)) ?? throw new IOException("git did not start");
            var output = git.StandardOutput.ReadToEnd();
            git.WaitForExit();
            return (git.ExitCode, output);
        }
        catch (Exception ex) when (ex is System.ComponentModel.Win32Exception or IOException)
        {
            return (-1, string.Empty);
        }
    }

    private static ProcessStartInfo GitStart(params string[] args)
    {
        var start = new ProcessStartInfo("git")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in args)
            start.ArgumentList.Add(a);
        return start;
    }

    /// <summary>git's stdout as a stream; disposing it ends the process.</summary>
    private sealed class ProcessOutput(Process git) : Stream
    {
        private readonly Stream _out = git.StandardOutput.BaseStream;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count) => _out.Read(buffer, offset, count);

        public override void Flush() { }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                if (!git.HasExited)
                    git.Kill();
                git.WaitForExit();
                git.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
