using Runbook.Execution;
using Runbook.Graph;
using Runbook.Steps.Upload;
using Runbook.Templating;
using Runbook.Transport;

namespace Runbook.Steps.Files;

/// <summary>
/// Puts an upload's bytes in place on its host, over the host's one connection: look first (SHA-256, mode, owner,
/// group; nothing is written when they already hold), stream the bytes into a temporary file beside the destination,
/// check its SHA-256 there, then rename it over the destination, so the file is either the old one or the new one,
/// never half of it. With become the bytes go to a temporary file of the login user first (sudo would read its password
/// from the same stdin) and <c>sudo install -m -o -g</c> copies them next to the destination before the rename.
/// </summary>
internal static class FileUpload
{
    public static async Task<StepOutcome> RunAsync(StepExecution execution, UploadWork work)
    {
        if (work.RunFile is { } made)
        {
            // Made during the run: hashed now, then sent and checked against that hash like a planned file.
            var (file, digest, why) = RunFiles.Open(execution.Run, made);
            if (why is not null)
                return Failed(why);
            work = work with { File = file, Digest = digest! };
        }

        var connection = await execution.ConnectAsync();
        var abort = execution.Run.Abort;
        var dest = work.Place.Dest;
        var probe = await connection.ExecuteAsync(Command(execution, RemoteFile.ProbeScript(dest)), null, abort);
        if (probe.TimedOut)
            return TimedOut(execution);
        var state = probe.ExitCode == 0 ? RemoteFile.Parse(probe.Stdout) : null;
        switch (state?.Kind)
        {
            case null:
                return Failed($"cannot inspect {dest} on the host: {LastLine(probe.Stderr)}", probe.ExitCode);
            case RemoteFile.Directory:
                return Failed(
                    $"'dest' {dest} is a directory on the host; name the file to write, like "
                        + $"{dest.TrimEnd('/')}/{work.FileName}"
                );
            case RemoteFile.Other:
                return Failed($"'dest' {dest} is not a regular file on the host (a device, FIFO or socket)");
        }

        if (state.Matches(work.Digest, work.Place))
            return new StepOutcome(StepStatus.Ok, Changed: false);

        var become = execution.Step.Become;
        var script = become ? StageScript(work.Digest.Sha256) : PlaceScript(work);
        CommandResult sent;
        FileDigest read;
        using (var source = work.OpenRead())
        using (var hashing = new HashingStream(source, reading: true))
        {
            sent = await connection.SendAsync(Command(execution, script) with { Become = false }, hashing, abort);
            read = hashing.Digest();
        }

        if (read != work.Digest)
        {
            return Failed(
                $"{work.Label} changed since the plan was made (planned {work.Digest}, read {read}); "
                    + "make the plan again"
            );
        }

        if (sent.TimedOut || sent.ExitCode != 0)
        {
            return sent.TimedOut
                ? TimedOut(execution)
                : Failed($"cannot write {dest}: {LastLine(sent.Stderr)}", sent.ExitCode);
        }

        if (become)
        {
            var staged = sent.Stdout.Trim();
            var placed = await connection.ExecuteAsync(
                Command(execution, InstallScript(staged, work.Place)),
                null,
                abort
            );
            if (placed.TimedOut)
                return TimedOut(execution);
            if (placed.ExitCode != 0)
                return Failed($"cannot install {dest}: {LastLine(placed.Stderr)}", placed.ExitCode);
        }

        return new StepOutcome(StepStatus.Ok, 0, Changed: true);
    }

    /// <summary>Without become: a temporary file beside the destination, checked, given its mode (and owner and group
    /// when named), renamed into place.</summary>
    internal static string PlaceScript(UploadWork work)
    {
        var p = work.Place;
        return "set -e; "
            + $"d={Q(p.Dest)}; "
            + "t=$(mktemp \"$(dirname \"$d\")/.runbook-upload.XXXXXX\"); trap 'rm -f \"$t\"' EXIT; "
            + "cat > \"$t\"; "
            + Verify("$t", work.Digest.Sha256)
            + $"m={Q(p.Mode ?? string.Empty)}; "
            + "if [ -z \"$m\" ]; then if [ -e \"$d\" ]; then m=$(stat -c %a \"$d\"); else m=0644; fi; fi; "
            + "chmod \"$m\" \"$t\"; "
            + $"o={Q(p.Owner ?? string.Empty)}; g={Q(p.Group ?? string.Empty)}; "
            + "[ -z \"$o\" ] || chown \"$o\" \"$t\"; [ -z \"$g\" ] || chgrp \"$g\" \"$t\"; "
            + "mv -f \"$t\" \"$d\"; trap - EXIT";
    }

    /// <summary>With become, first as the login user: the bytes into a temporary file, checked; prints its
    /// path.</summary>
    internal static string StageScript(string sha256) =>
        "set -e; "
        + "t=$(mktemp \"${TMPDIR:-/var/tmp}/runbook-upload.XXXXXX\"); trap 'rm -f \"$t\"' EXIT; "
        + "cat > \"$t\"; "
        + Verify("$t", sha256)
        + "trap - EXIT; echo \"$t\"";

    /// <summary>With become, then under sudo: install copies the staged file beside the destination with its mode,
    /// owner and group (the existing file's where the step names none), and the copy is renamed into place.</summary>
    internal static string InstallScript(string staged, FilePlacement p) =>
        "set -e; "
        + $"s={Q(staged)}; d={Q(p.Dest)}; t=; trap 'rm -f \"$s\" ${{t:+\"$t\"}}' EXIT; "
        + $"m={Q(p.Mode ?? string.Empty)}; o={Q(p.Owner ?? string.Empty)}; g={Q(p.Group ?? string.Empty)}; "
        + "if [ -e \"$d\" ]; then [ -n \"$m\" ] || m=$(stat -c %a \"$d\"); "
        + "[ -n \"$o\" ] || o=$(stat -c %U \"$d\"); [ -n \"$g\" ] || g=$(stat -c %G \"$d\"); fi; "
        + "[ -n \"$m\" ] || m=0644; "
        + "t=$(mktemp \"$(dirname \"$d\")/.runbook-upload.XXXXXX\"); "
        + "install -m \"$m\" ${o:+-o \"$o\"} ${g:+-g \"$g\"} \"$s\" \"$t\"; "
        + "mv -f \"$t\" \"$d\"; t=";

    private static string Verify(string file, string sha256) =>
        $"h=$(sha256sum < \"{file}\"); h=${{h%% *}}; if [ \"$h\" != {sha256} ]; then "
        + $"echo \"the file arrived with SHA-256 $h, not {sha256}\" >&2; exit 3; fi; ";

    private static RemoteCommand Command(StepExecution execution, string script) =>
        execution.Remote(new Command(script, script, false));

    private static string Q(string value) => ShellQuote.Quote(value);

    internal static StepOutcome Failed(string why, int? exit = null) => new(StepStatus.Failed, exit, Why: why);

    internal static StepOutcome TimedOut(StepExecution execution) =>
        new(StepStatus.TimedOut, Why: execution.TimedOutWhy);

    internal static string LastLine(string text) =>
        text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault()
        ?? "no reason given";
}
