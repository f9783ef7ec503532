using System.Collections.Concurrent;
using Runbook.Model;
using Runbook.Transport;

namespace Runbook.Execution;

/// <summary>One connection per host, opened on first use and reused for the whole run; a failed connect is remembered.</summary>
internal sealed class HostConnections(ITransport transport, InventoryDefinition inventory, CancellationToken abort) : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, Lazy<Task<IHostConnection>>> _connections = new(StringComparer.Ordinal);

    public Task<IHostConnection> GetAsync(string host) =>
        _connections.GetOrAdd(host, h => new Lazy<Task<IHostConnection>>(() => ConnectAsync(h))).Value;

    private async Task<IHostConnection> ConnectAsync(string host)
    {
        var definition = inventory.Find(host) ?? throw new HostUnreachableException(host, "not in the inventory");
        return await transport.ConnectAsync(definition, abort);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var lazy in _connections.Values)
        {
            if (lazy.IsValueCreated && lazy.Value.IsCompletedSuccessfully) await lazy.Value.Result.DisposeAsync();
        }
    }
}
