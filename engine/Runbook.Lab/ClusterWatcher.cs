using System.Text.Json;

namespace Runbook.Lab;

/// <summary>
/// Samples the lab cluster about every 250 ms from this process (not over SSH) while a run goes on, keeps the samples
/// and appends them as NDJSON to a file, so tests can assert on what happened during a rollout, not only at its end.
/// </summary>
public sealed class ClusterWatcher : IAsyncDisposable
{
    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase };
    private readonly ClusterState _state;
    private readonly ClusterProbe _probe;
    private readonly string? _file;
    private readonly List<ClusterSample> _samples = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private int _disposed;

    private ClusterWatcher(ClusterState state, string? file, TimeSpan interval)
    {
        _state = state;
        _file = file;
        _probe = new ClusterProbe(state, TimeSpan.FromSeconds(3));
        _loop = Task.Run(() => LoopAsync(interval));
    }

    /// <summary>Starts sampling; samples are appended to <paramref name="ndjsonFile"/> when given.</summary>
    public static ClusterWatcher Start(ClusterState state, string? ndjsonFile = null, TimeSpan? interval = null)
    {
        ArgumentNullException.ThrowIfNull(state);
        return new ClusterWatcher(state, ndjsonFile, interval ?? TimeSpan.FromMilliseconds(250));
    }

    public IReadOnlyList<ClusterSample> Samples
    {
        get
        {
            lock (_samples)
                return _samples.ToList();
        }
    }

    /// <summary>The most etcd members seen not running (nothing listening) in one sample.</summary>
    public int MaxMembersDownAtOnce => Samples.Select(s => s.MembersDown.Count).DefaultIfEmpty(0).Max();

    /// <summary>Every sample, one readable line each: what a test failure about the rollout prints.</summary>
    public string Timeline => string.Join('\n', Samples);

    /// <summary>When a sample first saw fewer than a majority of etcd members running, or null.</summary>
    public DateTimeOffset? QuorumLostAt => Samples.FirstOrDefault(s => !s.Quorum)?.At;

    /// <summary>(sample time, API node, status) of every /readyz that did not answer 200.</summary>
    public IReadOnlyList<(DateTimeOffset At, string Node, int Status)> ReadyzFailures =>
        Samples.SelectMany(s => s.Readyz.Where(r => r.Value != 200).Select(r => (s.At, r.Key, r.Value))).ToList();

    /// <summary>Waits for a sample taken from now on that satisfies <paramref name="condition"/>; returns it, or null after <paramref name="within"/>.</summary>
    public async Task<ClusterSample?> WaitForAsync(Func<ClusterSample, bool> condition, TimeSpan within)
    {
        ArgumentNullException.ThrowIfNull(condition);
        var from = DateTimeOffset.UtcNow;
        var deadline = from + within;
        while (DateTimeOffset.UtcNow < deadline)
        {
            if (Samples.LastOrDefault(s => s.At >= from && condition(s)) is { } hit)
                return hit;
            await Task.Delay(100).ConfigureAwait(false);
        }

        return null;
    }

    public async Task<ClusterSample> SampleAsync(CancellationToken cancellationToken)
    {
        var at = DateTimeOffset.UtcNow;
        var etcd = await Task.WhenAll(
                _state.Etcd.Select(async m =>
                    (m.Name, Result: await _probe.EtcdHealthAsync(m, cancellationToken).ConfigureAwait(false))
                )
            )
            .ConfigureAwait(false);
        var apis = await Task.WhenAll(
                _state.ControlPlane.Select(async a =>
                    (a.Name, Result: await _probe.ReadyzAsync(a, cancellationToken).ConfigureAwait(false))
                )
            )
            .ConfigureAwait(false);
        var names = (MemberState state) => etcd.Where(e => e.Result.State == state).Select(e => e.Name).ToList();
        var down = names(MemberState.Down);
        var errors = etcd.Where(e => e.Result.State != MemberState.Healthy)
            .ToDictionary(e => e.Name, e => e.Result.Error ?? "unhealthy", StringComparer.Ordinal);
        foreach (var (name, (status, body)) in apis.Where(a => a.Result.Status != 200))
            errors[name] = $"readyz {status}: {body}";
        return new ClusterSample(
            at,
            names(MemberState.Healthy),
            names(MemberState.Unhealthy),
            down,
            _state.Etcd.Count - down.Count >= _state.Quorum,
            apis.ToDictionary(a => a.Name, a => a.Result.Status, StringComparer.Ordinal),
            errors
        );
    }

    private async Task LoopAsync(TimeSpan interval)
    {
        while (!_stop.IsCancellationRequested)
        {
            var next = DateTimeOffset.UtcNow + interval;
            try
            {
                var sample = await SampleAsync(_stop.Token).ConfigureAwait(false);
                lock (_samples)
                    _samples.Add(sample);
                if (_file is not null)
                    await File.AppendAllTextAsync(_file, JsonSerializer.Serialize(sample, Json) + "\n", _stop.Token)
                        .ConfigureAwait(false);
                var wait = next - DateTimeOffset.UtcNow;
                if (wait > TimeSpan.Zero)
                    await Task.Delay(wait, _stop.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (_stop.IsCancellationRequested)
            {
                return;
            }
        }
    }

    /// <summary>Stops sampling; the samples stay readable. Safe to call more than once.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
            return;
        await _stop.CancelAsync().ConfigureAwait(false);
        await _loop.ConfigureAwait(false);
        _stop.Dispose();
        _probe.Dispose();
    }
}
