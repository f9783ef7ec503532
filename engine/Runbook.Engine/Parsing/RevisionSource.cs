using System.Diagnostics;
using Runbook.Diagnostics;

namespace Runbook.Parsing;

/// <summary>
/// Reads a runbook or inventory named either as a file or as a git revision of one, <c>REV:PATH</c> (like
/// <c>main:runbooks/x.yaml</c>), with <c>git show</c> in the current directory: no checkout needed. The text keeps
/// the name as given, so diagnostics say <c>main:runbooks/x.yaml:12:5</c>.
/// </summary>
internal static class RevisionSource
{
    private static readonly TimeSpan GitTimeout = TimeSpan.FromSeconds(30);

    public static bool IsRevision(string spec) =>
        !File.Exists(spec)
        && spec.IndexOf(':', StringComparison.Ordinal) is var colon
        && colon > 0
        && !(colon == 1 && spec.Length > 2 && spec[2] is '\\' or '/');

    public static SourceText? Read(string spec, DiagnosticBag diagnostics) =>
        IsRevision(spec) ? ReadRevision(spec, diagnostics) : SourceLoader.ReadText(spec, diagnostics);

    private static SourceText? ReadRevision(string spec, DiagnosticBag diagnostics)
    {
        var start = new ProcessStartInfo("git")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("show");
        start.ArgumentList.Add(spec);
        try
        {
            using var git = Process.Start(start) ?? throw new InvalidOperationException("git did not start");
            var error = git.StandardError.ReadToEndAsync();
            using var output = new MemoryStream();
            if (!CopyAtMost(git.StandardOutput.BaseStream, output, SourceLoader.MaxBytes + 1L))
            {
                git.Kill(entireProcessTree: true);
                git.WaitForExit(GitTimeout);
                diagnostics.Error(
                    Codes.FileTooLarge,
                    SourceSpan.None(spec),
                    $"runbooks and inventories are limited to {SourceLoader.MaxBytes / (1024 * 1024)} MiB"
                );
                return null;
            }

            if (!git.WaitForExit(GitTimeout))
            {
                git.Kill(entireProcessTree: true);
                diagnostics.Error(
                    Codes.FileUnreadable,
                    SourceSpan.None(spec),
                    $"git show {spec} did not finish within {GitTimeout.TotalSeconds:0}s"
                );
                return null;
            }

            if (git.ExitCode != 0)
            {
                var reason =
                    error
                        .Result.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                        .FirstOrDefault()
                    ?? $"exit code {git.ExitCode}";
                diagnostics.Error(
                    Codes.FileUnreadable,
                    SourceSpan.None(spec),
                    $"git cannot read '{spec}': {reason}",
                    "name a file, or a git revision of one as REV:PATH (like main:runbooks/x.yaml) inside a git "
                        + "repository"
                );
                return null;
            }

            return SourceLoader.Decode(spec, output.ToArray(), diagnostics);
        }
        catch (Exception ex)
            when (ex is System.ComponentModel.Win32Exception or InvalidOperationException or IOException)
        {
            diagnostics.Error(
                Codes.FileUnreadable,
                SourceSpan.None(spec),
                $"cannot run git to read '{spec}': {ex.Message}",
                "install git, or name a file instead of a revision"
            );
            return null;
        }
    }

    /// <summary>Copies to the end of <paramref name="from"/>, or stops and returns false once <paramref name="limit"/> bytes have come.</summary>
    private static bool CopyAtMost(Stream from, Stream to, long limit)
    {
        var buffer = new byte[81920];
        int read;
        while ((read = from.Read(buffer)) > 0)
        {
            to.Write(buffer, 0, read);
            if (to.Length >= limit)
                return false;
        }

        return true;
    }
}
