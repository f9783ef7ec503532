using System.Diagnostics;
using System.Net.Sockets;
using Renci.SshNet;

namespace Runbook.Transport;

/// <summary>
/// Byte streams over an exec channel of the host's one connection (no SFTP subsystem needed, no second login): stdin
/// fed from a stream for uploads (under sudo too: the password, when there is one, goes first), stdout copied to a
/// stream for fetches. SSH.NET's channel waits for the peer's
/// window before it sends, and its output pipe hands bytes on as they come, so neither direction holds a file in
/// memory.
/// </summary>
internal sealed partial class SshHostConnection
{
    private const int ChunkBytes = 64 * 1024;

    public async Task<CommandResult> SendAsync(RemoteCommand command, Stream input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(input);
        return await WithSessionAsync(() => SendCoreAsync(command, input, cancellationToken), cancellationToken)
            .ConfigureAwait(false);
    }

    public async Task<CommandResult> ReceiveAsync(
        RemoteCommand command,
        Stream output,
        CancellationToken cancellationToken
    )
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(output);
        return await WithSessionAsync(() => ReceiveCoreAsync(command, output, cancellationToken), cancellationToken)
            .ConfigureAwait(false);
    }

    private async Task<CommandResult> SendCoreAsync(
        RemoteCommand command,
        Stream input,
        CancellationToken cancellationToken
    )
    {
        // Under sudo the password (when there is one) comes first on stdin, then PasswordEnd, the env and the data.
        var password = PasswordFor(command.Become);
        using var ssh = client.CreateCommand(
            RemoteCommandBuilder.Build(command, password is not null, keepStdin: true, becomeUser: becomeUser)
        );
        var watch = Stopwatch.StartNew();
        var stdout = new OutputPump(OutputStream.Stdout, ssh.OutputStream, null, takePidMarker: false);
        var stderr = new OutputPump(OutputStream.Stderr, ssh.ExtendedOutputStream, null, takePidMarker: true);
        var run = ssh.ExecuteAsync(CancellationToken.None);
        try
        {
            // The channel's writes block until the host's window has room: a thread of the pool waits, not memory.
            await Task.Run(
                    () =>
                    {
                        using var stdin = ssh.CreateInputStream();
                        // The env comes first on stdin (RemoteCommandBuilder.Stdin), never in an argv; then the data.
                        if (RemoteCommandBuilder.Stdin(command, password, keepStdin: true) is { } env)
                            stdin.Write(env, 0, env.Length);
                        var buffer = new byte[ChunkBytes];
                        int read;
                        while ((read = input.Read(buffer, 0, buffer.Length)) > 0)
                        {
                            cancellationToken.ThrowIfCancellationRequested();
                            stdin.Write(buffer, 0, read);
                            stderr.Drain();
                            stdout.Drain();
                        }
                    },
                    CancellationToken.None
                )
                .ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            stderr.Drain();
            await KillAsync(ssh, run, stderr.Pid, command.Become).ConfigureAwait(false);
            throw;
        }
        catch (Exception ex) when (run.IsCompleted && ex is not IOException { InnerException: SocketException })
        {
            // The command ended before it read everything (it failed early): its exit status and stderr say why.
        }

        return await FinishAsync(ssh, command.Become, run, stdout, stderr, watch, cancellationToken)
            .ConfigureAwait(false);
    }

    private async Task<CommandResult> ReceiveCoreAsync(
        RemoteCommand command,
        Stream output,
        CancellationToken cancellationToken
    )
    {
        var password = PasswordFor(command.Become);
        using var ssh = client.CreateCommand(
            RemoteCommandBuilder.Build(command, password is not null, becomeUser: becomeUser)
        );
        var watch = Stopwatch.StartNew();
        var stderr = new OutputPump(OutputStream.Stderr, ssh.ExtendedOutputStream, null, takePidMarker: true);
        var run = ssh.ExecuteAsync(CancellationToken.None);
        // The pipe's Read waits for bytes and returns 0 once the channel closed and everything was read.
        var source = ssh.OutputStream;
        var copy = Task.Run(
            () =>
            {
                var buffer = new byte[ChunkBytes];
                int read;
                while ((read = source.Read(buffer, 0, buffer.Length)) > 0)
                    output.Write(buffer, 0, read);
            },
            CancellationToken.None
        );
        if (RemoteCommandBuilder.Stdin(command, password) is { } stdin)
            await WriteStdinAsync(ssh, run, stdin, cancellationToken).ConfigureAwait(false);
        while (!run.IsCompleted)
        {
            stderr.Drain();
            await Task.WhenAny(run, Task.Delay(20, CancellationToken.None)).ConfigureAwait(false);
            if (!cancellationToken.IsCancellationRequested)
                continue;
            stderr.Drain();
            await KillAsync(ssh, run, stderr.Pid, command.Become).ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
        }

        await run.ConfigureAwait(false);
        await copy.ConfigureAwait(false);
        stderr.Complete();
        var exit = ssh.ExitStatus ?? SignalExit(ssh.ExitSignal);
        return new CommandResult(exit, string.Empty, stderr.Text, watch.Elapsed, TimedOut: false);
    }

    private async Task<CommandResult> FinishAsync(
        SshCommand ssh,
        bool become,
        Task run,
        OutputPump stdout,
        OutputPump stderr,
        Stopwatch watch,
        CancellationToken cancellationToken
    )
    {
        while (!run.IsCompleted)
        {
            stdout.Drain();
            stderr.Drain();
            await Task.WhenAny(run, Task.Delay(20, CancellationToken.None)).ConfigureAwait(false);
            if (!cancellationToken.IsCancellationRequested)
                continue;
            await KillAsync(ssh, run, stderr.Pid, become).ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
        }

        await run.ConfigureAwait(false);
        stdout.Complete();
        stderr.Complete();
        var exit = ssh.ExitStatus ?? SignalExit(ssh.ExitSignal);
        return new CommandResult(exit, stdout.Text, stderr.Text, watch.Elapsed, TimedOut: false);
    }
}
