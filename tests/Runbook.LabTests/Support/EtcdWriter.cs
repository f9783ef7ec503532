using System.Collections.Concurrent;

namespace Runbook.Tests.Support;

/// <summary>
/// A client writing and reading keys continuously during a CA rotation: every ~100 ms it puts k&lt;n&gt; = v&lt;n&gt; and reads
/// it back. Its configuration never changes mid-run: it trusts the old and the new CA (so it accepts every member's server
/// certificate before, during and after the reissue) and holds two client certificates, one from each CA, offering the
/// old one first and the new one when a member refuses the old. No single client certificate could survive: the old CA's
/// is refused once a member stops trusting the old CA (pass 3), the new CA's until a member trusts the new CA (pass 1).
/// It tries the members in turn (from n mod 3), so a restarting member costs a retry, not a write. A write counts as
/// acknowledged only when etcd answered it with a revision.
/// </summary>
public sealed class EtcdWriter : IAsyncDisposable
{
    private readonly IReadOnlyList<string> _endpoints;
    private readonly Func<IReadOnlyList<EtcdKv>> _clients;
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentBag<int> _acknowledged = [];
    private readonly ConcurrentQueue<string> _errors = new();
    private Task? _loop;

    public EtcdWriter(IReadOnlyList<string> endpoints, params EtcdKv[] clients)
        : this(endpoints, () => clients) { }

    /// <summary>A writer whose client may change between writes: <paramref name="clients"/> is asked before each
    /// (a client that reloads its files when a rotation changes them).</summary>
    public EtcdWriter(IReadOnlyList<string> endpoints, Func<IReadOnlyList<EtcdKv>> clients)
    {
        _endpoints = endpoints;
        _clients = clients;
    }

    public IReadOnlyCollection<int> Acknowledged => _acknowledged.ToArray();

    public int Attempted { get; private set; }

    /// <summary>Refused or failed requests (each retried with the next certificate or member), with their errors.</summary>
    public IReadOnlyCollection<string> Errors => _errors.ToArray();

    /// <summary>Writes whose read-back right after the acknowledgement did not return the value.</summary>
    public int ReadMismatches { get; private set; }

    public void Start() => _loop = Task.Run(() => LoopAsync(_stop.Token));

    public async Task StopAsync()
    {
        await _stop.CancelAsync();
        if (_loop is not null)
            await _loop;
    }

    private async Task LoopAsync(CancellationToken stop)
    {
        for (var n = 0; !stop.IsCancellationRequested; n++)
        {
            Attempted = n + 1;
            await WriteAsync(n);
            try
            {
                await Task.Delay(100, stop);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private async Task WriteAsync(int n)
    {
        var clients = _clients();
        for (var i = 0; i < _endpoints.Count; i++)
        {
            var endpoint = _endpoints[(n + i) % _endpoints.Count];
            foreach (var client in clients)
            {
                var error = await client.PutAsync(endpoint, $"k{n}", $"v{n}");
                if (error is not null)
                {
                    _errors.Enqueue($"{endpoint} k{n}: {error}");
                    continue;
                }

                _acknowledged.Add(n);
                try
                {
                    if (await client.GetAsync(endpoint, $"k{n}") != $"v{n}")
                        ReadMismatches++;
                }
                catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
                {
                    _errors.Enqueue($"{endpoint} get k{n}: {ex.Message}");
                }

                return;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _stop.Dispose();
    }
}
