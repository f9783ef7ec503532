using System.Runtime.ExceptionServices;
using Runbook.Transport;

namespace Runbook.Execution;

/// <summary>
/// A host's place in <see cref="HostConnections"/>: the open connection when there is one, opened on demand, closed by
/// the pool only while no command runs on it. A connect that failed fails every later use the same way.
/// </summary>
internal sealed class PooledConnection(string host, HostConnections pool) : IHostConnection
{
    private readonly SemaphoreSlim _lock = new(1, 1);
    private IHostConnection? _inner;
    private ExceptionDispatchInfo? _failed;
    private int _running;
    private int _holds;
    private int _pinned;

    public string Host => host;

    /// <summary>The pool's clock when a command last started or ended here.</summary>
    public long LastUsed { get; private set; }

    /// <summary>Open, with no command running and no step sequence holding it.</summary>
    public bool IsIdle =>
        _inner is not null && Volatile.Read(ref _running) == 0 && Volatile.Read(ref _holds) == 0 && !Pinned;

    /// <summary>Kept open past the pool's capacity (<see cref="HostConnections.Pin"/>): never closed as idle.</summary>
    public bool Pinned => Volatile.Read(ref _pinned) == 1;

    /// <summary>Pins the connection; true if it was not pinned.</summary>
    public bool TryPin() => Interlocked.Exchange(ref _pinned, 1) == 0;

    /// <summary>Unpins the connection; true if it was pinned.</summary>
    public bool TryUnpin() => Interlocked.Exchange(ref _pinned, 0) == 1;

    public void Hold() => Interlocked.Increment(ref _holds);

    public void Unhold() => Interlocked.Decrement(ref _holds);

    public async Task EnsureOpenAsync()
    {
        await _lock.WaitAsync().ConfigureAwait(false);
        try
        {
            await OpenLockedAsync().ConfigureAwait(false);
        }
        finally
        {
            _lock.Release();
        }

        await pool.TrimAsync().ConfigureAwait(false);
    }

    public Task<CommandResult> ExecuteAsync(
        RemoteCommand command,
        Action<OutputLine>? onOutput,
        CancellationToken cancellationToken
    ) => UseAsync(c => c.ExecuteAsync(command, onOutput, cancellationToken), cancellationToken);

    public Task<CommandResult> SendAsync(RemoteCommand command, Stream input, CancellationToken cancellationToken) =>
        UseAsync(c => c.SendAsync(command, input, cancellationToken), cancellationToken);

    public Task<CommandResult> ReceiveAsync(
        RemoteCommand command,
        Stream output,
        CancellationToken cancellationToken
    ) => UseAsync(c => c.ReceiveAsync(command, output, cancellationToken), cancellationToken);

    /// <summary>Runs one command on the open connection (opening it first), counted as running while it does.</summary>
    private async Task<CommandResult> UseAsync(
        Func<IHostConnection, Task<CommandResult>> command,
        CancellationToken cancellationToken
    )
    {
        IHostConnection inner;
        await _lock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            inner = await OpenLockedAsync().ConfigureAwait(false);
            Interlocked.Increment(ref _running);
            LastUsed = pool.Tick();
        }
        finally
        {
            _lock.Release();
        }

        try
        {
            return await command(inner).ConfigureAwait(false);
        }
        finally
        {
            LastUsed = pool.Tick();
            Interlocked.Decrement(ref _running);
            await pool.TrimAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Closes the connection if it is open and no command runs on it (and none is starting); true if it did.</summary>
    public async Task<bool> TryCloseIdleAsync()
    {
        if (!await _lock.WaitAsync(0).ConfigureAwait(false))
            return false;
        IHostConnection? closing = null;
        try
        {
            if (IsIdle)
                (closing, _inner) = (_inner, null);
        }
        finally
        {
            _lock.Release();
        }

        if (closing is null)
            return false;
        await closing.DisposeAsync().ConfigureAwait(false);
        return true;
    }

    private async Task<IHostConnection> OpenLockedAsync()
    {
        _failed?.Throw();
        if (_inner is { } open)
            return open;
        await pool.TrimAsync(opening: true).ConfigureAwait(false);
        try
        {
            return _inner = await pool.ConnectAsync(host).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            _failed = ExceptionDispatchInfo.Capture(ex);
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _lock.WaitAsync().ConfigureAwait(false);
        try
        {
            if (_inner is not null)
                await _inner.DisposeAsync().ConfigureAwait(false);
            _inner = null;
        }
        finally
        {
            _lock.Release();
        }
    }
}
