using System.Collections.Concurrent;
using Renci.SshNet;
using Renci.SshNet.Common;

namespace Runbook.Transport;

/// <summary>
/// The SSH transport (SSH.NET): one connection per <see cref="ConnectAsync"/>, host keys verified against known_hosts,
/// curve25519-sha256 key exchange tried first, jump hosts like OpenSSH ProxyJump (one shared connection per bastion).
/// </summary>
public sealed class SshTransport : ITransport, IAsyncDisposable
{
    private const string PreferredKeyExchange = "curve25519-sha256";

    private readonly SshTransportOptions _options;
    private readonly HostKeyVerifier _verifier;
    private readonly ConcurrentDictionary<string, Lazy<Task<SshClient>>> _bastions = new(StringComparer.Ordinal);
    private readonly PrivateKeyCache _keys = new();

    public SshTransport(SshTransportOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _verifier = new HostKeyVerifier(options);
    }

    public async Task<IHostConnection> ConnectAsync(HostEndpoint host, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(host);
        if (host.Jump is not { } jump)
        {
            var direct = await OpenAsync(host, host.Address, host.Port, cancellationToken).ConfigureAwait(false);
            return new SshHostConnection(host.Name, direct, null, _options, host.BecomePassword?.Reveal());
        }

        SshClient bastion;
        try
        {
            bastion = await BastionAsync(jump, cancellationToken).ConfigureAwait(false);
        }
        catch (HostUnreachableException ex) when (ex is not HostKeyRejectedException)
        {
            throw new HostUnreachableException(host.Name, $"through jump host {jump.Name}: {ex.Reason}");
        }

        var tunnel = new ForwardedPortLocal("127.0.0.1", 0, host.Address, (uint)host.Port);
        bastion.AddForwardedPort(tunnel);
        tunnel.Start();
        void Release()
        {
            tunnel.Dispose();
            if (bastion.IsConnected) bastion.RemoveForwardedPort(tunnel);
        }

        try
        {
            var target = await OpenAsync(host, "127.0.0.1", (int)tunnel.BoundPort, cancellationToken).ConfigureAwait(false);
            return new SshHostConnection(host.Name, target, Release, _options, host.BecomePassword?.Reveal());
        }
        catch
        {
            Release();
            throw;
        }
    }

    /// <summary>The shared connection to a bastion; a failed or dropped one is forgotten so the next host retries it.</summary>
    private async Task<SshClient> BastionAsync(HostEndpoint jump, CancellationToken cancellationToken)
    {
        var lazy = _bastions.GetOrAdd(jump.Name, _ => new Lazy<Task<SshClient>>(() => OpenAsync(jump, jump.Address, jump.Port, CancellationToken.None)));
        try
        {
            var client = await lazy.Value.WaitAsync(cancellationToken).ConfigureAwait(false);
            if (client.IsConnected) return client;
        }
        catch (HostUnreachableException)
        {
            _bastions.TryRemove(new(jump.Name, lazy));
            throw;
        }

        if (_bastions.TryRemove(new(jump.Name, lazy))) (await lazy.Value.ConfigureAwait(false)).Dispose();
        return await BastionAsync(jump, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Connects to <paramref name="address"/>:<paramref name="port"/> as <paramref name="host"/> (whose real name the key is checked under).</summary>
    private async Task<SshClient> OpenAsync(HostEndpoint host, string address, int port, CancellationToken cancellationToken)
    {
        var user = _options.UserFor(host);
        var (methods, credentials) = SshAuthentication.For(host, user, _options, _keys);
        var info = new ConnectionInfo(address, port, user, methods) { Timeout = _options.ConnectTimeout };
        if (info.KeyExchangeAlgorithms.ContainsKey(PreferredKeyExchange)) info.KeyExchangeAlgorithms.SetPosition(PreferredKeyExchange, 0);

        var client = new SshClient(info);
        HostKeyRejectedException? rejected = null;
        client.HostKeyReceived += (_, e) =>
        {
            rejected = _verifier.Verify(host, new PresentedHostKey(e.HostKeyName, e.HostKey, e.Certificate));
            e.CanTrust = rejected is null;
        };

        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(_options.ConnectTimeout);
        try
        {
            await client.ConnectAsync(limit.Token).ConfigureAwait(false);
            return client;
        }
        catch (Exception ex)
        {
            client.Dispose();
            if (rejected is not null) throw rejected;
            if (ex is OperationCanceledException && cancellationToken.IsCancellationRequested) throw;
            throw ConnectFailure.From(ex, host, user, credentials, _options.ConnectTimeout);
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var lazy in _bastions.Values)
        {
            if (!lazy.IsValueCreated) continue;
            try
            {
                (await lazy.Value.ConfigureAwait(false)).Dispose();
            }
            catch (Exception ex) when (ex is HostUnreachableException or SshException)
            {
                // It never connected: nothing to close.
            }
        }

        _bastions.Clear();
        _keys.Dispose();
    }
}
