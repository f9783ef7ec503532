using System.Diagnostics;
using System.Net.Sockets;
using Renci.SshNet;
using Renci.SshNet.Common;

namespace Runbook.Transport;

/// <summary>
/// One SSH connection to a host; every command is a channel on it, so commands can run concurrently. Timeouts are
/// enforced on the host (<c>timeout -k</c>) and locally as a backstop; cancellation kills the command's process group
/// on the host through a second channel on the same connection. The sudo password of a become command is the host's
/// own (an Ansible inventory's ansible_become_password), else RUNBOOK_BECOME_PASSWORD; sudo runs it as the host's
/// ansible_become_user, root when there is none.
/// </summary>
internal sealed partial class SshHostConnection(
    string host,
    SshClient client,
    Action? release,
    SshTransportOptions options,
    string? becomePassword = null,
    string? becomeUser = null
) : IHostConnection
{
    public const string BecomePasswordVariable = "RUNBOOK_BECOME_PASSWORD";

    private static readonly TimeSpan MaxPoll = TimeSpan.FromMilliseconds(50);
    private readonly SemaphoreSlim _sessions = new(options.MaxSessionsPerHost);

    public string Host { get; } = host;

    public async Task<CommandResult> ExecuteAsync(
        RemoteCommand command,
        Action<OutputLine>? onOutput,
        CancellationToken cancellationToken
    )
    {
        ArgumentNullException.ThrowIfNull(command);
        cancellationToken.ThrowIfCancellationRequested();
        await _sessions.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await RunAsync(command, onOutput, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex)
            when (ex is SshConnectionException or SocketException or ObjectDisposedException && !client.IsConnected)
        {
            throw new HostUnreachableException(Host, "the connection was lost: " + ex.Message);
        }
        finally
        {
            _sessions.Release();
        }
    }

    private async Task<CommandResult> RunAsync(
        RemoteCommand command,
        Action<OutputLine>? onOutput,
        CancellationToken cancellationToken
    )
    {
        var password = command.Become ? becomePassword ?? options.Environment(BecomePasswordVariable) : null;
        using var ssh = client.CreateCommand(
            RemoteCommandBuilder.Build(command, password is not null, becomeUser: becomeUser)
        );
        var watch = Stopwatch.StartNew();
        var stdout = new OutputPump(OutputStream.Stdout, ssh.OutputStream, onOutput, takePidMarker: false);
        var stderr = new OutputPump(OutputStream.Stderr, ssh.ExtendedOutputStream, onOutput, takePidMarker: true);
        var run = ssh.ExecuteAsync(CancellationToken.None);
        if (RemoteCommandBuilder.Stdin(command, password) is { } stdin)
            await WriteStdinAsync(ssh, run, stdin, cancellationToken).ConfigureAwait(false);

        var deadline = command.Timeout is { } t ? t + options.LocalTimeoutGrace : (TimeSpan?)null;
        var poll = TimeSpan.FromMilliseconds(5);
        var abort = false;
        var timedOutLocally = false;
        while (!run.IsCompleted)
        {
            var read = stdout.Drain() | stderr.Drain();
            poll = read ? TimeSpan.FromMilliseconds(5) : TimeSpan.FromTicks(Math.Min(poll.Ticks * 2, MaxPoll.Ticks));
            await Task.WhenAny(run, Task.Delay(poll, CancellationToken.None)).ConfigureAwait(false);
            if (cancellationToken.IsCancellationRequested)
                abort = true;
            else if (deadline is { } d && watch.Elapsed > d)
                abort = timedOutLocally = true;
            if (abort)
                break;
        }

        if (abort)
        {
            stderr.Drain();
            try
            {
                await KillAsync(ssh, run, stderr.Pid, command.Become).ConfigureAwait(false);
            }
            catch (Exception ex) when (timedOutLocally && ex is SshException or ObjectDisposedException)
            {
                // The host stopped answering (a frozen sshd): the command timed out, whatever became of the kill.
            }

            cancellationToken.ThrowIfCancellationRequested();
        }
        else
        {
            await run.ConfigureAwait(false);
        }

        stdout.Complete();
        stderr.Complete();
        var exit = ssh.ExitStatus ?? SignalExit(ssh.ExitSignal);
        var timedOut = timedOutLocally || (command.Timeout is not null && RemoteCommandBuilder.IsTimeoutExit(exit));
        return new CommandResult(exit, stdout.Text, stderr.Text, watch.Elapsed, timedOut);
    }

    /// <summary>Gives sudo -S its password and the script its env on stdin (then the script reads /dev/null, see
    /// <see cref="RemoteCommandBuilder"/>).</summary>
    private static async Task WriteStdinAsync(
        SshCommand ssh,
        Task run,
        byte[] stdin,
        CancellationToken cancellationToken
    )
    {
        try
        {
            using var input = ssh.CreateInputStream();
            await input.WriteAsync(stdin, cancellationToken).ConfigureAwait(false);
        }
        catch (InvalidOperationException) when (run.IsCompleted)
        {
            // The command was already over: nothing left to feed.
        }
    }

    /// <summary>Kills the command's process group on the host, then waits briefly for its channel to close.</summary>
    private async Task KillAsync(SshCommand ssh, Task run, int? pid, bool become)
    {
        if (pid is { } p && client.IsConnected)
        {
            using var kill = client.CreateCommand(RemoteCommandBuilder.KillCommand(p, become, becomeUser));
            using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            try
            {
                await kill.ExecuteAsync(limit.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // The connection is unresponsive; the signal below is all that is left.
            }
        }

        await Task.WhenAny(run, Task.Delay(TimeSpan.FromSeconds(3), CancellationToken.None)).ConfigureAwait(false);
        if (!run.IsCompleted)
            ssh.CancelAsync(forceKill: true, millisecondsTimeout: 500);
        try
        {
            await run.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Expected after CancelAsync.
        }
    }

    private static int SignalExit(string? signal) =>
        signal switch
        {
            "KILL" => 137,
            "TERM" => 143,
            "INT" => 130,
            "HUP" => 129,
            _ => 255,
        };

    public ValueTask DisposeAsync()
    {
        client.Dispose();
        release?.Invoke();
        _sessions.Dispose();
        return ValueTask.CompletedTask;
    }
}
