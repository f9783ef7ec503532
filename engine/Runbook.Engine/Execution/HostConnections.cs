using System.Collections.Concurrent;
using Runbook.Transport;

namespace Runbook.Execution;

/// <summary>
/// One connection per host, opened on first use and reused for its steps and gates, to the endpoint the plan gives for
/// it. At most the run's forks (<see cref="ForkBudget.Size"/>) stay open: past that, the least recently used idle
/// connection is closed, and opened again if its host is needed later. SSH.NET gives every open connection a thread of
/// its own (its message listener), so this bounds a run's threads by its forks, not by its hosts. A failed connect is
/// remembered for the rest of the run. The one exception: connections the preflight opened are pinned
/// (<see cref="Pin"/>), kept past the capacity until the host's last batch is done (<see cref="UnpinAsync"/>), so
/// that every host connects once per run and not once for the preflight and again for its steps: at 1,000 hosts and
/// --forks 100 that second connect was 900 more key exchanges (README, "Running at fleet scale"). At most
/// <see cref="PinLimit"/> are pinned: each holds a thread, and a fleet of tens of thousands of hosts would otherwise
/// run into the process's limits (threads, memory maps, file descriptors); hosts past it connect again for their steps.
/// </summary>
internal sealed class HostConnections(
    ITransport transport,
    IReadOnlyDictionary<string, HostEndpoint> endpoints,
    ForkBudget forks,
    CancellationToken abort
) : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, PooledConnection> _hosts = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Task<IHostConnection>> _local = new(StringComparer.Ordinal);
    private long _clock;
    private int _open;
    private int _pinned;

    /// <summary>
    /// The most connections pinned at once: every host of a 1,000-host run; threads stop growing past it.
    /// </summary>
    public const int DefaultPinLimit = 1000;

    /// <summary>How many connections may be pinned at once (<see cref="DefaultPinLimit"/>; tests set fewer).</summary>
    public int PinLimit { get; init; } = DefaultPinLimit;

    /// <summary>How many connections are open now.</summary>
    public int Open => Volatile.Read(ref _open);

    /// <summary>The host's connection, opened if it is not; throws <see cref="HostUnreachableException"/> when it cannot be.</summary>
    public async Task<IHostConnection> GetAsync(string host)
    {
        var pooled = Place(host);
        await pooled.EnsureOpenAsync().ConfigureAwait(false);
        return pooled;
    }

    /// <summary>
    /// Keeps the host's connection from being closed while its steps run (between two steps it is idle, but needed
    /// again at once); disposing the hold lets the pool close it when over capacity.
    /// </summary>
    public IAsyncDisposable Hold(string host)
    {
        var pooled = Place(host);
        pooled.Hold();
        return new Releaser(pooled, this);
    }

    /// <summary>
    /// Where a step with 'on: local' runs for <paramref name="host"/>: the transport's connection to the controller,
    /// one per host, outside the pool (it holds no SSH session, so it counts against no fork).
    /// </summary>
    public Task<IHostConnection> LocalAsync(string host) =>
        _local.GetOrAdd(host, h => transport.ConnectLocalAsync(h, abort));

    /// <summary>
    /// Keeps the host's connection open past the pool's capacity, until <see cref="UnpinAsync"/>: the preflight pins
    /// every connection it opened, so the host's steps use it instead of connecting again.
    /// </summary>
    public void Pin(string host)
    {
        // Counted first, so that hosts pinned at once never pass the limit together.
        if (Interlocked.Increment(ref _pinned) > PinLimit || !Place(host).TryPin())
            Interlocked.Decrement(ref _pinned);
    }

    /// <summary>Lets the pool close these hosts' connections again (their last batch is done), closing idle ones
    /// past the capacity now.</summary>
    public async Task UnpinAsync(IEnumerable<string> hosts)
    {
        foreach (var host in hosts)
        {
            if (_hosts.TryGetValue(host, out var pooled) && pooled.TryUnpin())
                Interlocked.Decrement(ref _pinned);
        }

        await TrimAsync().ConfigureAwait(false);
    }

    private PooledConnection Place(string host) => _hosts.GetOrAdd(host, h => new PooledConnection(h, this));

    internal long Tick() => Interlocked.Increment(ref _clock);

    internal async Task<IHostConnection> ConnectAsync(string host)
    {
        var endpoint =
            endpoints.GetValueOrDefault(host) ?? throw new HostUnreachableException(host, "not in the inventory");
        var connection = await transport.OpenAsync(endpoint, abort).ConfigureAwait(false);
        Interlocked.Increment(ref _open);
        return connection;
    }

    /// <summary>
    /// Closes least recently used idle connections while more than the capacity are open, or, before a connect
    /// (<paramref name="opening"/>), until there is room for one more.
    /// </summary>
    internal async Task TrimAsync(bool opening = false)
    {
        // Pinned connections are outside the capacity: it bounds the others.
        var limit = (opening ? forks.Size - 1 : forks.Size) + Volatile.Read(ref _pinned);
        if (Open <= limit)
            return;
        foreach (var victim in _hosts.Values.Where(p => p.IsIdle).OrderBy(p => p.LastUsed).ToList())
        {
            if (Open <= limit)
                return;
            if (await victim.TryCloseIdleAsync().ConfigureAwait(false))
                Interlocked.Decrement(ref _open);
        }
    }

    private sealed class Releaser(PooledConnection pooled, HostConnections pool) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            pooled.Unhold();
            await pool.TrimAsync().ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var pooled in _hosts.Values)
            await pooled.DisposeAsync().ConfigureAwait(false);
        foreach (var local in _local.Values.Where(t => t.IsCompletedSuccessfully))
            await local.Result.DisposeAsync().ConfigureAwait(false);
    }
}
