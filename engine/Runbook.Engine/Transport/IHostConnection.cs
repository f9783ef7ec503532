namespace Runbook.Transport;

/// <summary>One open connection to a host, reused for all of its steps. Commands may run concurrently on it.</summary>
public interface IHostConnection : IAsyncDisposable
{
    string Host { get; }

    /// <summary>
    /// Runs a command. A timeout is enforced on the remote side too (the command is wrapped so that nothing is left
    /// running). Cancellation aborts the command on the host as well. Output lines are reported as they arrive.
    /// </summary>
    Task<CommandResult> ExecuteAsync(
        RemoteCommand command,
        Action<OutputLine>? onOutput,
        CancellationToken cancellationToken
    );

    /// <summary>
    /// Runs a command with <paramref name="input"/> streamed to its stdin (then end of file), chunk by chunk, so a
    /// large file never sits in memory. Under sudo (<see cref="RemoteCommand.Become"/>) a sudo password comes first on
    /// the same stdin, and the command never sees it. Stdout and stderr come back as text.
    /// </summary>
    Task<CommandResult> SendAsync(RemoteCommand command, Stream input, CancellationToken cancellationToken);

    /// <summary>
    /// Runs a command and copies its stdout, as bytes, to <paramref name="output"/> as it arrives (the result's
    /// Stdout is empty); stderr comes back as text. The command may use sudo.
    /// </summary>
    Task<CommandResult> ReceiveAsync(RemoteCommand command, Stream output, CancellationToken cancellationToken);
}
