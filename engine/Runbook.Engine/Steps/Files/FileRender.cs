using System.Collections.Concurrent;
using Runbook.Diagnostics;

namespace Runbook.Steps.Files;

/// <summary>Renders what the file kinds share for one host, reporting a bad destination where it is written.</summary>
internal static class FileRender
{
    public static FilePlacement? Placement(StepRender render, FilePlacementSpec spec)
    {
        if (render.Text(spec.Dest) is not { } dest)
            return null;
        if (RemotePathProblem(dest) is { } problem)
        {
            render.Diagnostics.Error(
                Codes.InvalidValue,
                spec.Dest.Span,
                $"'dest' {problem} for host '{render.Host}': '{render.Masked(dest)}'",
                "give the absolute path of the file to write on the host, like /etc/app/app.conf"
            );
            return null;
        }

        return new FilePlacement(dest, spec.Mode, spec.Owner, spec.Group);
    }

    /// <summary>Why a rendered path cannot name a file on a host, or null.</summary>
    public static string? RemotePathProblem(string path) =>
        !path.StartsWith('/') ? "must be an absolute path"
        : path.EndsWith('/') ? "names a directory"
        : path.Contains('\n', StringComparison.Ordinal) || path.Contains('\0', StringComparison.Ordinal)
            ? "holds a line break or NUL"
        : null;

    /// <summary>The file's size and SHA-256, read once per compile (streamed: a file of any size takes constant
    /// memory); reported at 'src' when it cannot be read.</summary>
    public static FileDigest? Digest(
        StepRender render,
        ConcurrentDictionary<LocalFile, FileDigest> digests,
        LocalFile file,
        SourceSpan span
    )
    {
        if (digests.TryGetValue(file, out var known))
            return known;
        try
        {
            return digests[file] = file.Digest();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            render.Diagnostics.Error(Codes.LocalFile, span, $"cannot read '{file.Written}': {ex.Message}");
            return null;
        }
    }
}
