using Runbook.Transport;

namespace Runbook.Execution;

/// <summary>
/// A host's connection whose commands each take one of the run's forks while they run: a gate on all(...) checks every
/// candidate, but no more of them at once than <c>--forks</c>, and none holds a fork while it waits to try again.
/// The pool owns the connection; disposing this does nothing.
/// </summary>
internal sealed class ForkBoundConnection(IHostConnection inner, ForkBudget forks) : IHostConnection
{
    public string Host => inner.Host;

    public Task<CommandResult> ExecuteAsync(
        RemoteCommand command,
        Action<OutputLine>? onOutput,
        CancellationToken cancellationToken
    ) => WithForkAsync(() => inner.ExecuteAsync(command, onOutput, cancellationToken), cancellationToken);

    public Task<CommandResult> SendAsync(RemoteCommand command, Stream input, CancellationToken cancellationToken) =>
        WithForkAsync(() => inner.SendAsync(command, input, cancellationToken), cancellationToken);

    public Task<CommandResult> ReceiveAsync(
        RemoteCommand command,
        Stream output,
        CancellationToken cancellationToken
    ) => WithForkAsync(() => inner.ReceiveAsync(command, output, cancellationToken), cancellationToken);

    private async Task<CommandResult> WithForkAsync(
        Func<Task<CommandResult>> command,
        CancellationToken cancellationToken
    )
    {
        await forks.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await command().ConfigureAwait(false);
        }
        finally
        {
            forks.Release();
        }
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
