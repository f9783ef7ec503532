using Runbook.Errors;
using Runbook.Execution;
using Runbook.Parsing;

namespace Runbook.Cli.Output;

/// <summary>
/// The run's own files and the environment: output files checked before the run (exit 2, nothing ran), and what the
/// CLI says when the journal or the events could not be written during it (exit 6), in words and with the way on.
/// </summary>
internal static class StoreFailures
{
    /// <summary>
    /// Refuses (exit 2) an output file that cannot be written, before anything runs. Only regular files are opened (a
    /// FIFO would block, a device may act on it): a device such as /dev/full fails at the run's first event, which
    /// stops the run before it touched a host, exit 2 too.
    /// </summary>
    public static void CheckTargets(params (string? Path, string Flag)[] targets)
    {
        foreach (var (path, flag) in targets)
        {
            if (path is null or "-")
                continue;
            var kind = FileKind.Of(path);
            if (kind == FileKind.Kind.Directory || Directory.Exists(path))
                throw new UsageException($"{flag} {path}: it is a directory; give a file");
            if (kind == FileKind.Kind.Other)
                continue;
            try
            {
                if (File.Exists(path))
                {
                    using var existing = new FileStream(path, FileMode.Open, FileAccess.Write, FileShare.ReadWrite);
                }
                else if (Path.GetDirectoryName(Path.GetFullPath(path)) is { } dir && Directory.Exists(dir))
                {
                    var probe = Path.Combine(dir, $".runbook-probe-{Environment.ProcessId}");
                    using var created = new FileStream(
                        probe,
                        FileMode.CreateNew,
                        FileAccess.Write,
                        FileShare.None,
                        1,
                        FileOptions.DeleteOnClose
                    );
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                throw new UsageException($"{flag} {path} cannot be written: {StoreFault.Describe(ex)}; nothing ran");
            }
        }
    }

    /// <summary>Says which file failed and why, what became of the run, and how to go on.</summary>
    public static async Task ExplainAsync(CliContext cli, Graph.ExecutionGraph plan, RunResult result)
    {
        if (result.StoreFaults is not [var first, ..])
            return;
        await cli.Error.WriteLineAsync($"error: {first}");
        if (result.Outcome == RunOutcome.StoreUnwritable)
        {
            await cli.Error.WriteLineAsync($"run {result.Id} stopped before it touched any host: nothing ran (exit 2)");
            return;
        }

        var resume = $"  runbook run {plan.Fingerprint.Runbook} -i {plan.Fingerprint.Inventory} --resume {result.Id}";
        await cli.Error.WriteLineAsync(
            $"run {result.Id} stopped (store-failed, exit 6): nothing new was started after that write, and the steps "
                + "already running finished (their outcomes are above); the journal keeps every step that completed, "
                + "so a resume repeats none of them. Make room (or make the file writable again), then go on with:\n"
                + resume
        );
        if (result.StoreFaults.FirstOrDefault(f => f.Final) is { } final)
        {
            await cli.Error.WriteLineAsync(
                $"error: the run's end could not be recorded either ({final}): its journal ends without run-finished"
            );
        }
    }

    /// <summary>Closes the events file; a failure to flush it was reported when the write failed.</summary>
    public static async Task CloseAsync(StreamWriter? events)
    {
        if (events is null)
            return;
        try
        {
            await events.DisposeAsync();
        }
        catch (IOException)
        {
            // already reported (StoreFault): the run stopped on it
        }
    }
}
