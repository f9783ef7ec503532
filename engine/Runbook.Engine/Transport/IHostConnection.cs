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
}
