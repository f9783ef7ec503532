using Runbook.Diagnostics;
using Runbook.Execution;
using Runbook.Parsing;
using Runbook.Steps.Upload;

namespace Runbook.Steps.Files;

/// <summary>
/// Files of the run's directory (<c>.runbook/runs/ID/</c>): where 'fetch' puts a host's files, what steps with
/// 'on: local' find as <see cref="Variable"/>, and where an upload with 'from: run' reads a file the run made itself
/// (a certificate signed on the controller), which cannot be hashed when the plan is made.
/// </summary>
internal static class RunFiles
{
    /// <summary>The environment variable giving a step with 'on: local' the run's directory (absolute).</summary>
    public const string Variable = "RUNBOOK_RUN_DIR";

    public static string Directory(RunContext run) =>
        Path.GetFullPath(run.Options.Directory ?? Path.Combine(".runbook", "runs", run.Options.RunId));

    /// <summary>An upload's 'from': true for 'run', false for 'runbook' or none, null (reported) otherwise.</summary>
    public static bool? ReadFrom(NodeReader r, MappingSyntax map, string owner)
    {
        if (r.Scalar(map["from"], "'from'") is not { IsNull: false } from)
            return false;
        if (from.Value is "run" or "runbook")
            return from.Value == "run";
        r.Diagnostics.Error(
            Codes.InvalidValue,
            from.Span,
            $"{owner}: 'from' must be 'run' or 'runbook', not '{from.Value}'",
            "'from: run' reads 'src' in the run's directory when the step runs; leave it out for a file of the runbook"
        );
        return null;
    }

    /// <summary>'src' of an upload 'from: run': a relative path inside the run's directory, read at run time.</summary>
    public static (ScalarSyntax? Node, LocalFile? File) Source(NodeReader r, MappingSyntax map, string owner)
    {
        if (r.Required(map, "src", owner) is not { } src)
            return (null, null);
        var isTemplate =
            src.Value.Contains("{{", StringComparison.Ordinal) || src.Value.Contains("{%", StringComparison.Ordinal);
        if (!isTemplate && Problem(src.Value) is { } problem)
        {
            r.Diagnostics.Error(
                Codes.InvalidValue,
                src.Span.WithOffset(src.ContentOffset, src.Value.Length),
                $"{owner}: 'src' {problem}: '{src.Value}'",
                Hint
            );
            return (null, null);
        }

        return (src, null);
    }

    public static UploadWork? Render(StepRender render, UploadSpec spec, FilePlacement? place)
    {
        // A plain 'src' is not in the template catalogue (only templates are): it is its own text.
        var src = spec.Src!;
        if ((src.IsTemplate ? render.Text(src) : src.Source) is not { } path || place is null)
            return null;
        if (Problem(path) is { } problem)
        {
            render.Diagnostics.Error(
                Codes.InvalidValue,
                src.Span,
                $"'src' {problem} for host '{render.Host}': '{render.Masked(path)}'",
                Hint
            );
            return null;
        }

        var normal = string.Join('/', path.Split('/', StringSplitOptions.RemoveEmptyEntries));
        return new UploadWork(UploadStep.Name, normal, null, null, new FileDigest(0, string.Empty), place, spec.Secret)
        {
            RunFile = normal,
        };
    }

    /// <summary>The file an upload 'from: run' sends, as a local file with its digest read now; or why it cannot be
    /// sent.</summary>
    public static (LocalFile? File, FileDigest? Digest, string? Why) Open(RunContext run, string relative)
    {
        var path = Path.Combine(Directory(run), relative);
        var file = new LocalFile(relative, path, null);
        if (file.Problem() is { } problem)
            return (null, null, $"cannot read {relative} in the run's directory ({path}): {problem}");
        try
        {
            return (file, file.Digest(), null);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return (null, null, $"cannot read {path}: {ex.Message}");
        }
    }

    private const string Hint =
        "with 'from: run', 'src' is relative to the run's directory (.runbook/runs/ID/), without '..'";

    private static string? Problem(string path) =>
        path.Length == 0 ? "is empty"
        : Path.IsPathRooted(path) ? "must be relative to the run's directory"
        : path.Replace('\\', '/').Split('/').Any(p => p == "..") ? "may not leave the run's directory"
        : path.Contains('\n', StringComparison.Ordinal) || path.Contains('\0', StringComparison.Ordinal)
            ? "holds a line break or NUL"
        : null;
}
