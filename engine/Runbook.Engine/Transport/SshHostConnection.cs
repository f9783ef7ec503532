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
/// ansible_become_user, root when there is none. Once the connection's keepalives find the host dead
/// (<see cref="SshKeepAlive"/>), every command on it, running or new, ends at once with
/// <see cref="HostUnreachableException"/> saying so.
/// </summary>
internal sealed partial class SshHostConnection(
    string host,
    SshClient client,
    Action? release,
    SshTransportOptions options,
    string? becomePassword = null,
    string? becomeUser = null,
    SshKeepAlive? keepAlive = null
) : IHostConnection
{
    public const string BecomePasswordVariable = "RUNBOOK_BECOME_PASSWORD";

    private static readonly TimeSpan MaxPoll = TimeSpan.FromMilliseconds(50);
    private static readonly TimeSpan CloseWait = TimeSpan.FromSeconds(2);
    private readonly SemaphoreSlim _sessions = new(options.MaxSessionsPerHost);

    public string Host { get; } = host;

    public async Task<CommandResult> ExecuteAsync(
        RemoteCommand command,
        Action<OutputLine>? onOutput,
        CancellationToken cancellationToken
    )
    {
        ArgumentNullException.ThrowIfNull(command);
        return await WithSessionAsync(() => RunAsync(command, onOutput, cancellationToken), cancellationToken)
            .ConfigureAwait(false);
    }

    /// <summary>
    /// Runs one command's <paramref name="body"/> in a session slot, until it ends or the host is declared dead; a
    /// body left behind by a dead host ends when the connection, closed by then, fails it.
    /// </summary>
    private async Task<CommandResult> WithSessionAsync(
        Func<Task<CommandResult>> body,
        CancellationToken cancellationToken
    )
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (keepAlive?.DeadReason is { } dead)
            throw new HostUnreachableException(Host, dead);
        var running = RunInSessionAsync(body, cancellationToken);
        if (keepAlive is null)
            return await running.ConfigureAwait(false);
        if (await Task.WhenAny(running, keepAlive.Dead).ConfigureAwait(false) == running)
            return await running.ConfigureAwait(false);
        _ = running.ContinueWith(t => t.Exception, TaskScheduler.Default); // observed: it fails on the closed client
        throw new HostUnreachableException(Host, await keepAlive.Dead.ConfigureAwait(false));
    }

    private async Task<CommandResult> RunInSessionAsync(
        Func<Task<CommandResult>> body,
        CancellationToken cancellationToken
    )
    {
        await _sessions.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await body().ConfigureAwait(false);
        }
        catch (Exception ex)
            when (ex is SshConnectionException or SocketException or ObjectDisposedException && !client.IsConnected)
        {
            if (keepAlive?.DeadReason is { } dead)
                throw new HostUnreachableException(Host, dead);
            throw new HostUnreachableException(Host, "the connection was lost: " + ex.Message);
        }
        finally
        {
            try
            {
                _sessions.Release();
            }
            catch (ObjectDisposedException)
            {
                // A command left behind by a dead host ends after the connection was disposed.
            }
        }
    }

    private async Task<CommandResult> RunAsync(
        RemoteCommand command,
        Action<OutputLine>? onOutput,
        CancellationToken cancellationToken
    )
    {
        var password = PasswordFor(command.Become);
        var ssh = client.CreateCommand(
            RemoteCommandBuilder.Build(command, password is not null, becomeUser: becomeUser)
        );
        var abandoned = false;
        try
        {
            var watch = Stopwatch.StartNew();
            var stdout = new OutputPump(OutputStream.Stdout, ssh.OutputStream, onOutput, takePidMarker: false);
            var stderr = new OutputPump(OutputStream.Stderr, ssh.ExtendedOutputStream, onOutput, takePidMarker: true);
            var run = ssh.ExecuteAsync(CancellationToken.None);
            if (RemoteCommandBuilder.Stdin(command, password) is { } stdin)
                await WriteStdinAsync(ssh, run, stdin, cancellationToken).ConfigureAwait(false);

            // The host's `timeout` ends the command at its timeout; locally, a short grace later, the transport looks
            // for itself (the command's clock starts here, before the host's, so the host always fires first).
            var deadline = command.Timeout is { } t ? t + options.LocalTimeoutGrace : (TimeSpan?)null;
            var poll = TimeSpan.FromMilliseconds(5);
            var abort = false;
            var timedOutLocally = false;
            while (!run.IsCompleted)
            {
                var read = stdout.Drain() | stderr.Drain();
                poll = read
                    ? TimeSpan.FromMilliseconds(5)
                    : TimeSpan.FromTicks(Math.Min(poll.Ticks * 2, MaxPoll.Ticks));
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
                abandoned = timedOutLocally && !await HostAnswersAsync().ConfigureAwait(false);
                if (abandoned)
                {
                    // No kill can reach a host that does not answer (a frozen sshd): the step ends timed out now, its
                    // channel is left behind, and the connection's keepalives close the connection if the host stays
                    // silent.
                    _ = run.ContinueWith(r => r.Exception, TaskScheduler.Default);
                }
                else
                {
                    if (timedOutLocally)
                        await WaitForRemoteKillAsync(run).ConfigureAwait(false);
                    if (!run.IsCompleted)
                        await TryKillAsync(ssh, run, stderr.Pid, command.Become, timedOutLocally).ConfigureAwait(false);
                }

                cancellationToken.ThrowIfCancellationRequested();
            }
            else
            {
                await run.ConfigureAwait(false);
            }

            stdout.Complete();
            stderr.Complete();
            // A command given up on (no status, no signal came back) reports what GNU timeout would have: 124.
            var exit =
                ssh.ExitStatus ?? (ssh.ExitSignal is null && timedOutLocally ? 124 : SignalExit(ssh.ExitSignal));
            var timedOut =
                timedOutLocally || (command.Timeout is not null && RemoteCommandBuilder.IsTimeoutExit(exit));
            return new CommandResult(exit, stdout.Text, stderr.Text, watch.Elapsed, timedOut);
        }
        finally
        {
            // Closing a channel waits for the host's answer (up to SSH.NET's channel close timeout): not on a host
            // that stopped answering.
            if (abandoned)
                _ = Task.Run(ssh.Dispose, CancellationToken.None);
            else
                ssh.Dispose();
        }
    }

    /// <summary>
    /// The sudo password for a command (null without become): the host's own (ansible_become_password), else
    /// RUNBOOK_BECOME_PASSWORD; null when neither is set, and sudo then runs with -n.
    /// </summary>
    private string? PasswordFor(bool become) =>
        become ? becomePassword ?? options.Environment(BecomePasswordVariable) : null;

    /// <summary>
    /// Whether the host still answers over this connection (one keepalive, a short wait): after a timeout, a host
    /// that answers gets its remote kill, one that does not is given up on.
    /// </summary>
    private async Task<bool> HostAnswersAsync()
    {
        if (keepAlive is null)
            return client.IsConnected;
        return await keepAlive.PingAsync(options.LocalTimeoutGrace).ConfigureAwait(false);
    }

    /// <summary>
    /// The host answers but the command's channel is still open after its timeout: its `timeout -k` KILLs what
    /// ignored the TERM a few seconds after it; wait for that before killing the session ourselves.
    /// </summary>
    private async Task WaitForRemoteKillAsync(Task run)
    {
        var rest = TimeSpan.FromSeconds(RemoteCommandBuilder.KillAfterSeconds + 1) - options.LocalTimeoutGrace;
        if (rest > TimeSpan.Zero)
            await Task.WhenAny(run, Task.Delay(rest, CancellationToken.None)).ConfigureAwait(false);
    }

    private async Task TryKillAsync(SshCommand ssh, Task run, int? pid, bool become, bool timedOutLocally)
    {
        try
        {
            await KillAsync(ssh, run, pid, become).ConfigureAwait(false);
        }
        catch (Exception ex) when (timedOutLocally && ex is SshException or ObjectDisposedException)
        {
            // The host stopped answering meanwhile: the command timed out, whatever became of the kill.
        }
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
            var command = RemoteCommandBuilder.KillCommand(p, become);
            var password = PasswordFor(become);
            using var kill = client.CreateCommand(
                RemoteCommandBuilder.Build(command, password is not null, becomeUser: becomeUser)
            );
            using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            try
            {
                var killing = kill.ExecuteAsync(limit.Token);
                if (RemoteCommandBuilder.Stdin(command, password) is { } stdin)
                    await WriteStdinAsync(kill, killing, stdin, limit.Token).ConfigureAwait(false);
                await killing.ConfigureAwait(false);
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

    public async ValueTask DisposeAsync()
    {
        keepAlive?.Dispose();
        // Closing sends a last message and waits for the connection's reader: bounded, should the host have stopped
        // answering (the close then finishes in the background).
        var closing = Task.Run(client.Dispose);
        await Task.WhenAny(closing, Task.Delay(CloseWait, CancellationToken.None)).ConfigureAwait(false);
        release?.Invoke();
        _sessions.Dispose();
    }
}
