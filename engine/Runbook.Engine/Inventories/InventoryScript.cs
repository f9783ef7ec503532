using System.ComponentModel;
using System.Diagnostics;
using System.Text;
using Runbook.Diagnostics;

namespace Runbook.Inventories;

/// <summary>
/// Runs an executable inventory (Ansible's script protocol): <c>SCRIPT --list</c> prints one JSON object; without
/// <c>_meta.hostvars</c> in it, <c>SCRIPT --host NAME</c> prints each host's vars. Each run has a time limit, after
/// which the script and its children are killed. A failure is a diagnostic on the script: it did not start, it ran
/// too long, it exited non-zero (with the end of what it wrote to stderr), or its output is not UTF-8 text.
/// </summary>
internal static class InventoryScript
{
    /// <summary>The most a script may print: a real inventory of thousands of hosts is a few MiB.</summary>
    public const int MaxOutputBytes = 64 * 1024 * 1024;

    private const int StderrShown = 2000;

    /// <summary>What the script printed to stdout, or null after reporting why there is nothing to read.</summary>
    public static string? Run(string path, IReadOnlyList<string> args, TimeSpan timeout, DiagnosticBag diagnostics)
    {
        var command = $"{Path.GetFileName(path)} {string.Join(' ', args)}";
        var start = new ProcessStartInfo(Path.GetFullPath(path))
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = new UTF8Encoding(false, throwOnInvalidBytes: false),
        };
        foreach (var arg in args)
            start.ArgumentList.Add(arg);

        Process process;
        try
        {
            process = Running.Start(start);
        }
        catch (Exception ex)
            when (ex is Win32Exception or IOException or UnauthorizedAccessException or InvalidOperationException)
        {
            diagnostics.Error(
                Codes.InventoryScript,
                SourceSpan.None(path),
                $"the inventory script could not be started ({command}): {ex.Message}",
                "check that it is executable and that its #! line names an interpreter that is installed"
            );
            return null;
        }

        using var tracked = Running.Track(process);
        using (process)
        {
            process.StandardInput.Close(); // a script that reads stdin sees its end instead of waiting forever
            var stdout = ReadLimited(process.StandardOutput.BaseStream);
            var stderr = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(timeout))
            {
                Kill(process);
                diagnostics.Error(
                    Codes.InventoryScript,
                    SourceSpan.None(path),
                    $"the inventory script did not finish within {Seconds(timeout)} ({command}); it was stopped",
                    "make the script answer faster, or check what it waits for (a network call, a prompt)"
                );
                return null;
            }

            process.WaitForExit(); // lets the output readers finish
            if (!stdout.Wait(TimeSpan.FromSeconds(5)) || !stderr.Wait(TimeSpan.FromSeconds(5)))
            {
                var message =
                    $"the inventory script exited but its output did not end ({command}): "
                    + "a process it started still holds it open";
                diagnostics.Error(Codes.InventoryScript, SourceSpan.None(path), message);
                return null;
            }

            if (process.ExitCode != 0)
            {
                var tail = Tail(stderr.Result);
                var message =
                    $"the inventory script exited with status {process.ExitCode} ({command})"
                    + (tail.Length > 0 ? $": {tail}" : string.Empty);
                diagnostics.Error(Codes.InventoryScript, SourceSpan.None(path), message);
                return null;
            }

            if (stdout.Result is not { } bytes)
            {
                var limit = MaxOutputBytes / (1024 * 1024);
                var message = $"the inventory script printed more than {limit} MiB ({command})";
                diagnostics.Error(Codes.InventoryScript, SourceSpan.None(path), message);
                return null;
            }

            try
            {
                return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes);
            }
            catch (DecoderFallbackException)
            {
                var message = $"the inventory script printed something that is not UTF-8 text ({command})";
                diagnostics.Error(Codes.InventoryScript, SourceSpan.None(path), message);
                return null;
            }
        }
    }

    private static Task<byte[]?> ReadLimited(Stream stream) =>
        Task.Run(async () =>
        {
            using var buffer = new MemoryStream();
            var chunk = new byte[81920];
            var overflow = false;
            int read;
            while ((read = await stream.ReadAsync(chunk).ConfigureAwait(false)) > 0)
            {
                if (buffer.Length + read > MaxOutputBytes)
                    overflow = true; // keep draining, so the script is not blocked
                else
                    buffer.Write(chunk, 0, read);
            }

            return overflow ? null : buffer.ToArray();
        });

    private static void Kill(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit(5000);
        }
        catch (Exception ex) when (ex is InvalidOperationException or Win32Exception)
        {
            // It ended on its own between the time-out and the kill.
        }
    }

    /// <summary>
    /// The scripts running now, killed when this process ends (an interrupted <c>runbook validate</c> exits at once)
    /// instead of being left running, orphaned, until their own time limit. A script is started and recorded under
    /// one lock that the exit handler takes too, so a signal that arrives while it starts cannot miss it: the handler
    /// waits for the start and then kills it, and no script starts once the handler ran.
    /// </summary>
    private static class Running
    {
        private static readonly Lock Gate = new();
        private static readonly HashSet<Process> Processes = [];
        private static bool _exiting;

        static Running() =>
            AppDomain.CurrentDomain.ProcessExit += (_, _) =>
            {
                lock (Gate)
                {
                    _exiting = true;
                    foreach (var process in Processes)
                        Kill(process);
                    Processes.Clear();
                }
            };

        public static Process Start(ProcessStartInfo start)
        {
            lock (Gate)
            {
                if (_exiting)
                    throw new InvalidOperationException("runbook is exiting");
                var process = Process.Start(start) ?? throw new Win32Exception("no process was started");
                Processes.Add(process);
                return process;
            }
        }

        /// <summary>Forgets <paramref name="process"/> once it has been waited for (disposing the result).</summary>
        public static IDisposable Track(Process process) => new Forget(process);

        private sealed class Forget(Process process) : IDisposable
        {
            public void Dispose()
            {
                lock (Gate)
                    Processes.Remove(process);
            }
        }
    }

    private static string Tail(string stderr)
    {
        var text = stderr.Trim();
        if (text.Length > StderrShown)
            text = "..." + text[^StderrShown..];
        return text;
    }

    private static string Seconds(TimeSpan timeout) =>
        timeout.TotalSeconds >= 1 ? $"{timeout.TotalSeconds:0.#} s" : $"{timeout.TotalMilliseconds:0} ms";
}
