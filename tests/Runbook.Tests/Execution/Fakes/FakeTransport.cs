using System.Collections.Concurrent;
using Runbook.Transport;

namespace Runbook.Tests.Execution.Fakes;

/// <summary>
/// An in-process transport: scripted replies per host and command, latency, unreachable hosts, and a record of every
/// command with its start and end order. Thread-safe.
/// </summary>
internal sealed class FakeTransport : ITransport
{
    private readonly List<(string? Host, string Contains, Func<int, FakeReply> Reply)> _rules = [];
    private readonly ConcurrentDictionary<string, int> _attempts = new();
    private long _clock;
    private int _running;
    private int _open;

    public HashSet<string> Unreachable { get; } = [];

    public TimeSpan Latency { get; set; } = TimeSpan.FromMilliseconds(5);

    public ConcurrentQueue<FakeExecution> Executions { get; } = new();

    public ConcurrentDictionary<string, int> Connects { get; } = new();

    /// <summary>What SendAsync streamed: (host, script, bytes).</summary>
    public ConcurrentQueue<(string Host, string Script, byte[] Bytes)> Sent { get; } = new();

    public ConcurrentQueue<FakeConnection> Connections { get; } = new();

    public int MaxConcurrent { get; private set; }

    /// <summary>The most connections open at the same time.</summary>
    public int MaxOpen { get; private set; }

    /// <summary>Called as each command starts: (host, script).</summary>
    public Action<string, string>? OnStart { get; set; }

    /// <summary>Commands containing <paramref name="contains"/> (on <paramref name="host"/>, or any host) get this reply.</summary>
    public FakeTransport On(string? host, string contains, FakeReply reply) => On(host, contains, _ => reply);

    /// <summary>The reply may depend on the attempt: 1 for the first time this host runs a matching command.</summary>
    public FakeTransport On(string? host, string contains, Func<int, FakeReply> reply)
    {
        _rules.Add((host, contains, reply));
        return this;
    }

    public IEnumerable<FakeExecution> Ran(string contains) =>
        Executions.Where(e => e.Command.Script.Contains(contains, StringComparison.Ordinal));

    public Task<IHostConnection> ConnectAsync(HostEndpoint host, CancellationToken cancellationToken)
    {
        Connects.AddOrUpdate(host.Name, 1, (_, n) => n + 1);
        if (Unreachable.Contains(host.Name))
            throw new HostUnreachableException(host.Name, "connection refused");
        var connection = new FakeConnection(this, host.Name);
        Connections.Enqueue(connection);
        var open = Interlocked.Increment(ref _open);
        lock (_rules)
            MaxOpen = Math.Max(MaxOpen, open);
        return Task.FromResult<IHostConnection>(connection);
    }

    /// <summary>Hosts for which a connection to the controller was asked (steps with 'on: local').</summary>
    public ConcurrentQueue<string> LocalConnects { get; } = new();

    /// <summary>The controller, in process: replies are scripted with host "local:HOST".</summary>
    public Task<IHostConnection> ConnectLocalAsync(string host, CancellationToken cancellationToken)
    {
        LocalConnects.Enqueue(host);
        return Task.FromResult<IHostConnection>(new FakeConnection(this, host, local: true));
    }

    internal long Tick() => Interlocked.Increment(ref _clock);

    internal void Enter()
    {
        var now = Interlocked.Increment(ref _running);
        lock (_rules)
            MaxConcurrent = Math.Max(MaxConcurrent, now);
    }

    internal void Leave() => Interlocked.Decrement(ref _running);

    internal void Closed() => Interlocked.Decrement(ref _open);

    internal FakeReply Reply(string host, string script)
    {
        for (var i = _rules.Count - 1; i >= 0; i--)
        {
            var rule = _rules[i];
            if ((rule.Host is null || rule.Host == host) && script.Contains(rule.Contains, StringComparison.Ordinal))
            {
                var attempt = _attempts.AddOrUpdate($"{host}\n{i}", 1, (_, n) => n + 1);
                return rule.Reply(attempt);
            }
        }

        return FakeReply.Ok;
    }
}
