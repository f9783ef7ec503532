using System.Diagnostics;
using System.Globalization;

namespace Runbook.Transport;

/// <summary>
/// Runs commands on the controller, the machine running runbook: a step's 'on: local', for the batch host
/// <see cref="Host"/> (whose name events and captures carry). The command is wrapped as over SSH
/// (<see cref="RemoteCommandBuilder"/>: no stdin, the environment exported inside, the PID reported first), under
/// <c>/bin/sh -c</c> in the current directory with runbook's environment, less the sudo password. It is started in
/// a session of its own (<c>setsid</c>, where there is one), so a timeout or a cancellation kills everything it
/// started, as the SSH transport kills the command's session on the host; without setsid, the process tree is
/// killed instead. A timeout sends TERM, then KILL after <see cref="RemoteCommandBuilder.KillAfterSeconds"/>, as
/// GNU timeout does on a host. Sudo is refused: the compiler refuses 'become' on a local step already.
/// </summary>
internal sealed class LocalHostConnection(string host) : IHostConnection
{
    private const string Shell = "/bin/sh";
    private static readonly Lazy<string?> Setsid = new(() => FindOnPath("setsid"));

    public string Host { get; } = host;

    public Task<CommandResult> ExecuteAsync(
        RemoteCommand command,
        Action<OutputLine>? onOutput,
        CancellationToken cancellationToken
    ) => RunAsync(command, onOutput, null, null, cancellationToken);

    public Task<CommandResult> SendAsync(RemoteCommand command, Stream input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        return RunAsync(command, null, input, null, cancellationToken);
    }

    public Task<CommandResult> ReceiveAsync(RemoteCommand command, Stream output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(output);
        return RunAsync(command, null, null, output, cancellationToken);
    }

    /// <summary>
    /// Runs the command; <paramref name="input"/>, when given, is copied to its stdin (then end of file), and
    /// <paramref name="output"/>, when given, receives its stdout as bytes instead of lines, as the SSH connection's
    /// file transfers do.
    /// </summary>
    private static async Task<CommandResult> RunAsync(
        RemoteCommand command,
        Action<OutputLine>? onOutput,
        Stream? input,
        Stream? output,
        CancellationToken cancellationToken
    )
    {
        ArgumentNullException.ThrowIfNull(command);
        if (command.Become)
            throw new NotSupportedException("a command on the controller cannot run with become (sudo)");
        cancellationToken.ThrowIfCancellationRequested();
        var watch = Stopwatch.StartNew();
        // The env travels on stdin, as over SSH (RemoteCommandBuilder.Stdin): never in an argv other users can read.
        var prefix = RemoteCommandBuilder.Stdin(command, null);
        using var process = Start(command, keepStdin: input is not null, feed: prefix is not null || input is not null);
        var sync = new Lock();
        void Report(OutputLine line)
        {
            lock (sync)
                onOutput?.Invoke(line);
        }

        var stdout = new OutputPump(OutputStream.Stdout, Stream.Null, Report, takePidMarker: false);
        var stderr = new OutputPump(OutputStream.Stderr, Stream.Null, Report, takePidMarker: true);
        var reading = Task.WhenAll(
            output is null
                ? PumpAsync(process.StandardOutput.BaseStream, stdout)
                : CopyAsync(process.StandardOutput.BaseStream, output, stdout),
            PumpAsync(process.StandardError.BaseStream, stderr),
            prefix is null && input is null
                ? Task.CompletedTask
                : FeedAsync(prefix, input, process.StandardInput.BaseStream, cancellationToken)
        );
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (command.Timeout is { } timeout)
            limit.CancelAfter(timeout);
        int? timeoutExit = null;
        try
        {
            await process.WaitForExitAsync(limit.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            var timedOut = !cancellationToken.IsCancellationRequested;
            var killed = await KillAsync(process, stderr.Pid, graceful: timedOut).ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
            // As GNU timeout exits on a host: 124 when TERM ended it, 137 when KILL had to.
            timeoutExit = killed ? 137 : 124;
        }

        await reading.ConfigureAwait(false);
        var exit = timeoutExit ?? process.ExitCode;
        return new CommandResult(exit, stdout.Text, stderr.Text, watch.Elapsed, timeoutExit is not null);
    }

    private static Process Start(RemoteCommand command, bool keepStdin, bool feed)
    {
        var info = new ProcessStartInfo
        {
            FileName = Setsid.Value ?? Shell,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (Setsid.Value is not null)
            info.ArgumentList.Add(Shell);
        info.ArgumentList.Add("-c");
        // The timeout is enforced here rather than by GNU timeout, which a controller (macOS) may not have.
        info.ArgumentList.Add(RemoteCommandBuilder.Build(command with { Timeout = null }, keepStdin: keepStdin));
        // A host's sudo password is for the hosts: a command on the controller has no use for it.
        info.Environment.Remove(SshHostConnection.BecomePasswordVariable);
        var process = Process.Start(info) ?? throw new InvalidOperationException($"{Shell} could not be started");
        if (!feed)
            process.StandardInput.Close();
        return process;
    }

    private static async Task FeedAsync(
        byte[]? prefix,
        Stream? input,
        Stream stdin,
        CancellationToken cancellationToken
    )
    {
        try
        {
            if (prefix is not null)
                await stdin.WriteAsync(prefix, cancellationToken).ConfigureAwait(false);
            if (input is not null)
                await input.CopyToAsync(stdin, 64 * 1024, cancellationToken).ConfigureAwait(false);
        }
        catch (IOException)
        {
            // The command ended without reading all of its input: its exit status says why.
        }
        catch (OperationCanceledException)
        {
            // The run is being stopped: the command is killed, its result is not read.
        }
        finally
        {
            await stdin.DisposeAsync().ConfigureAwait(false);
        }
    }

    private static async Task CopyAsync(Stream source, Stream destination, OutputPump pump)
    {
        await source.CopyToAsync(destination, 64 * 1024).ConfigureAwait(false);
        pump.Complete();
    }

    private static async Task PumpAsync(Stream source, OutputPump pump)
    {
        var buffer = new byte[16 * 1024];
        int count;
        while ((count = await source.ReadAsync(buffer).ConfigureAwait(false)) > 0)
            pump.Feed(buffer, count);
        pump.Complete();
    }

    /// <summary>
    /// Ends the command and everything it started: its session when it has one (TERM first on a timeout, then
    /// KILL after the grace), else its process tree. Returns whether KILL was needed.
    /// </summary>
    private static async Task<bool> KillAsync(Process process, int? pid, bool graceful)
    {
        var session = Setsid.Value is not null ? pid ?? process.Id : (int?)null;
        if (session is { } id && graceful)
        {
            await SignalAsync(id, "TERM").ConfigureAwait(false);
            using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(RemoteCommandBuilder.KillAfterSeconds));
            try
            {
                await process.WaitForExitAsync(grace.Token).ConfigureAwait(false);
                // The shell is gone; whatever it left in its session goes too.
                await SignalAsync(id, "KILL").ConfigureAwait(false);
                return false;
            }
            catch (OperationCanceledException)
            {
                // Still running after the grace: KILL below.
            }
        }

        if (session is { } sid)
            await SignalAsync(sid, "KILL").ConfigureAwait(false);
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // It has exited.
        }

        await process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
        // A child the shell was forking while pkill read /proc escapes the first pass (seen under load: a leftover
        // sleep in the session); the shell is gone now, so nothing new can start there, and a second pass ends it.
        if (session is { } again)
            await SignalAsync(again, "KILL").ConfigureAwait(false);
        return true;
    }

    /// <summary>Signals every process of the session (pkill -s), else the process group.</summary>
    private static async Task SignalAsync(int session, string signal)
    {
        var id = session.ToString(CultureInfo.InvariantCulture);
        var info = new ProcessStartInfo { FileName = Shell, UseShellExecute = false };
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add($"pkill -{signal} -s {id} 2>/dev/null || kill -{signal} -- -{id} 2>/dev/null; true");
        using var kill = Process.Start(info);
        if (kill is not null)
            await kill.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
    }

    private static string? FindOnPath(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, program))
            .FirstOrDefault(File.Exists);

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
