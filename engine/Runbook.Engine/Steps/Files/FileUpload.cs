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
/// never half of it. With become all of it runs under sudo as the become user (root, or the host's
/// ansible_become_user), which also gives a replaced file its old owner and group unless the step names others.
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

        var script = PlaceScript(work, keepOwner: execution.Step.Become);
        CommandResult sent;
        FileDigest read;
        using (var source = work.OpenRead())
        using (var hashing = new HashingStream(source, reading: true))
        {
            sent = await connection.SendAsync(Command(execution, script), hashing, abort);
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

        return new StepOutcome(StepStatus.Ok, 0, Changed: true);
    }

    /// <summary>
    /// A temporary file beside the destination, checked, given its owner and group when named (with
    /// <paramref name="keepOwner"/>, under sudo, a replaced file's own where the step names none), then its mode (the
    /// step's, else the replaced file's, else 0644: after chown, which may clear set-id bits), renamed into place.
    /// </summary>
    internal static string PlaceScript(UploadWork work, bool keepOwner = false)
    {
        var p = work.Place;
        return "set -e; "
            + $"d={Q(p.Dest)}; "
            + "t=$(mktemp \"$(dirname \"$d\")/.runbook-upload.XXXXXX\"); trap 'rm -f \"$t\"' EXIT; "
            + "cat > \"$t\"; "
            + Verify("$t", work.Digest.Sha256)
            + $"m={Q(p.Mode ?? string.Empty)}; o={Q(p.Owner ?? string.Empty)}; g={Q(p.Group ?? string.Empty)}; "
            + "if [ -e \"$d\" ]; then [ -n \"$m\" ] || m=$(stat -c %a \"$d\"); "
            + (keepOwner ? KeepOwner : string.Empty)
            + "fi; [ -n \"$m\" ] || m=0644; "
            + "[ -z \"$o\" ] || chown \"$o\" \"$t\"; [ -z \"$g\" ] || chgrp \"$g\" \"$t\"; chmod \"$m\" \"$t\"; "
            + "mv -f \"$t\" \"$d\"; trap - EXIT";
    }

    private const string KeepOwner =
        "[ -n \"$o\" ] || o=$(stat -c %u \"$d\"); [ -n \"$g\" ] || g=$(stat -c %g \"$d\"); ";

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
