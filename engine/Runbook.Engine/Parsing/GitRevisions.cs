using System.Diagnostics;
using Runbook.Errors;

namespace Runbook.Parsing;

/// <summary>
/// What <c>runbook affected</c> asks git in the current directory: whether a name is a commit, the files under a
/// folder at a revision, and the renames between two revisions. git is run with its arguments as a list (no shell),
/// its output read to the end, and refused with a <see cref="UsageException"/> when it fails or hangs.
/// </summary>
internal static class GitRevisions
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    /// <summary>Refuses a name that is not a commit here, saying why.</summary>
    public static void RequireCommit(string revision)
    {
        if (revision.StartsWith('-') || Run(["rev-parse", "--verify", "--quiet", revision + "^{commit}"]).Exit != 0)
        {
            throw new UsageException(
                $"'{revision}' is not a git revision here: give a commit, branch or tag (like origin/main or HEAD), "
                    + "and run from inside the repository"
            );
        }
    }

    /// <summary>Every file at <paramref name="revision"/>, by its path from the repository's top.</summary>
    public static List<string> Files(string revision)
    {
        var (exit, output, error) = Run(["ls-tree", "-r", "-z", "--name-only", "--full-tree", revision]);
        if (exit != 0)
            throw new UsageException($"git ls-tree {revision} failed: {error.Trim()}");
        return [.. output.Split('\0', StringSplitOptions.RemoveEmptyEntries).Order(StringComparer.Ordinal)];
    }

    /// <summary>Files renamed unchanged between the two revisions under <paramref name="folder"/>: old to new
    /// path.</summary>
    public static Dictionary<string, string> Renames(string before, string after, string folder)
    {
        var (exit, output, error) = Run([
            "diff",
            "--name-status",
            "-M",
            "-z",
            before,
            after,
            "--",
            ":(top)" + folder + "/",
        ]);
        if (exit != 0)
            throw new UsageException($"git diff {before} {after} failed: {error.Trim()}");
        var renames = new Dictionary<string, string>(StringComparer.Ordinal);
        var fields = output.Split('\0');
        for (var i = 0; i < fields.Length; i++)
        {
            // -z: "R100\0old\0new\0" for a rename, "M\0path\0" for the others.
            // Only exact renames (R100): a new runbook much like a deleted one is not the same runbook renamed.
            if (fields[i].StartsWith('R') && i + 2 < fields.Length)
            {
                if (fields[i] == "R100")
                    renames[fields[i + 1]] = fields[i + 2];
                i += 2;
            }
            else if (fields[i].Length > 0 && char.IsAsciiLetterUpper(fields[i][0]))
            {
                i += fields[i].StartsWith('C') ? 2 : 1;
            }
        }

        return renames;
    }

    private static (int Exit, string Output, string Error) Run(string[] args)
    {
        var start = new ProcessStartInfo("git")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in args)
            start.ArgumentList.Add(a);
        try
        {
            using var git = Process.Start(start) ?? throw new InvalidOperationException("git did not start");
            var error = git.StandardError.ReadToEndAsync();
            var output = git.StandardOutput.ReadToEndAsync();
            if (!git.WaitForExit(Timeout))
            {
                git.Kill(entireProcessTree: true);
                throw new UsageException($"git {args[0]} did not finish within {Timeout.TotalSeconds:0}s");
            }

            return (git.ExitCode, output.Result, error.Result);
        }
        catch (Exception ex)
            when (ex is System.ComponentModel.Win32Exception or InvalidOperationException or IOException)
        {
            throw new UsageException($"cannot run git: {ex.Message}");
        }
    }
}
