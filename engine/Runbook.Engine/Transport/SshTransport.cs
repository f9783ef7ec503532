using System.Collections.Concurrent;
using Renci.SshNet;
using Renci.SshNet.Common;
using Runbook.Diagnostics;
using Runbook.Errors;
using Runbook.Transport.Agent;

namespace Runbook.Transport;

/// <summary>
/// The SSH transport (SSH.NET): one connection per <see cref="ConnectAsync"/>, host keys verified against known_hosts,
/// curve25519-sha256 key exchange tried first, jump hosts like OpenSSH ProxyJump (one shared connection per bastion,
/// chains of them too). Each host's settings come from <see cref="SshEndpoints"/>: the inventory, then ssh_config,
/// then defaults; keys from ssh-agent and identity files in OpenSSH's order (<see cref="SshAuthentication"/>).
/// </summary>
public sealed class SshTransport : ITransport, IAsyncDisposable
{
    private const string PreferredKeyExchange = "curve25519-sha256";

    private readonly SshTransportOptions _options;
    private readonly HostKeyVerifier _verifier = new();
    private readonly IReadOnlyCollection<HostEndpoint> _hosts;
    private readonly SshEndpoints _endpoints;
    private readonly ConcurrentDictionary<string, Lazy<Task<Bastion>>> _bastions = new(StringComparer.Ordinal);
    private readonly PrivateKeyCache _keys = new();

    /// <param name="options">The transport's settings.</param>
    /// <param name="hosts">
    /// The plan's hosts (<see cref="RunSettings.Transport"/> is given them): what <see cref="Prepare"/> checks, and
    /// the hosts a ProxyJump hop may name. A host connected to need not be among them.
    /// </param>
    public SshTransport(SshTransportOptions options, IReadOnlyCollection<HostEndpoint>? hosts = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _hosts = hosts ?? [];
        _endpoints = new SshEndpoints(options, _hosts);
    }

    /// <summary>
    /// The transport for a run of <paramref name="hosts"/>, checked (<see cref="Prepare"/>): what a front end hands to
    /// <see cref="RunSettings.Transport"/>. <see cref="RunbookEngine.RunAsync"/> builds the transport before it creates
    /// the run, so bad ssh_config, identity files or agents are refused before a run directory exists.
    /// </summary>
    public static SshTransport Prepared(SshTransportOptions options, IReadOnlyCollection<HostEndpoint> hosts)
    {
        var transport = new SshTransport(options, hosts);
        try
        {
            transport.Prepare();
        }
        catch
        {
            transport.DisposeAsync().AsTask().GetAwaiter().GetResult();
            throw;
        }

        return transport;
    }

    /// <summary>
    /// Checks, before anything runs, what would otherwise fail host by host: the ssh_config files and every plan
    /// host's settings, its identity files (present, readable, loadable) and the agents it uses (they answer). Throws
    /// <see cref="InvalidInputException"/> with every problem at its file and line, or <see cref="SshAgentException"/>;
    /// passes warnings to <see cref="SshTransportOptions.Warn"/>.
    /// </summary>
    public void Prepare()
    {
        var bag = new DiagnosticBag();
        bag.AddRange(_endpoints.Config?.Diagnostics ?? []);
        var endpoints = new List<SshEndpoint>();
        foreach (var host in _hosts.Where(h => !h.Local)) // ansible_connection=local: no SSH, no ssh_config
        {
            var (endpoint, diagnostics) = _endpoints.Check(host);
            bag.AddRange(diagnostics);
            if (endpoint is not null)
                endpoints.AddRange(endpoint.Jumps.Append(endpoint));
        }

        foreach (var endpoint in endpoints.DistinctBy(e => e.Key))
        {
            foreach (var file in endpoint.IdentityFiles)
            {
                if (!File.Exists(file.Path))
                {
                    if (file.MustExist)
                    {
                        bag.Error(
                            Codes.IdentityFileUnreadable,
                            file.Span ?? SourceSpan.None(file.Path),
                            $"{endpoint.Host.Name}: identity_file {file.Written} does not exist"
                        );
                    }

                    continue;
                }

                try
                {
                    using var stream = File.OpenRead(file.Path);
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                {
                    bag.Error(
                        Codes.IdentityFileUnreadable,
                        file.Span ?? SourceSpan.None(file.Path),
                        $"{endpoint.Host.Name}: cannot read identity file {file.Path}: {ex.Message}"
                    );
                }
            }
        }

        Report(bag);

        // Every agent answers (the typed exception names the socket and where it came from), and every key file that
        // will be loaded from disk loads: one that is only an agent key is never decrypted.
        foreach (var agent in _endpoints.Agents.ToList())
            agent.ListIdentities();
        foreach (var endpoint in endpoints.DistinctBy(e => e.Key))
        {
            try
            {
                var (methods, _) = SshAuthentication.For(endpoint, _options, _keys);
                foreach (var method in methods)
                    (method as IDisposable)?.Dispose();
            }
            catch (HostUnreachableException ex)
            {
                // Only a key file that does not load is bad input here; a host with no credentials at all stays
                // unreachable when it is connected to, as before.
                if (!ex.Reason.StartsWith(SshAuthentication.CannotLoad, StringComparison.Ordinal))
                    continue;
                var span = endpoint
                    .IdentityFiles.FirstOrDefault(f =>
                        ex.Reason.StartsWith($"{SshAuthentication.CannotLoad} {f.Path}", StringComparison.Ordinal)
                    )
                    ?.Span;
                bag.Error(
                    Codes.IdentityFileUnreadable,
                    span ?? SourceSpan.None(endpoint.Host.Name),
                    $"{endpoint.Host.Name}: {ex.Reason}"
                );
            }
        }

        Report(bag);
        var warnings = bag.ToSortedList().Where(d => !d.IsError).ToList();
        if (warnings.Count > 0 && _options.Warn is { } warn)
        {
            warn(DiagnosticFormatter.Format(warnings, path => Parsing.RevisionSource.Read(path, new DiagnosticBag())));
        }
    }

    private static void Report(DiagnosticBag bag)
    {
        if (bag.HasErrors)
            throw new InvalidInputException(bag.ToSortedList());
    }

    public async Task<IHostConnection> ConnectAsync(HostEndpoint host, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(host);
        var endpoint = _endpoints.For(host);
        if (endpoint.Jumps.Count == 0)
        {
            var direct = await OpenAsync(endpoint, endpoint.Host.Address, endpoint.Host.Port, cancellationToken)
                .ConfigureAwait(false);
            var watch = Watch(direct, endpoint);
            var password = host.BecomePassword?.Reveal();
            return new SshHostConnection(host.Name, direct, null, _options, password, host.BecomeUser, watch);
        }

        var nearest = endpoint.Jumps[^1].Host.Name;
        Bastion bastion;
        try
        {
            bastion = await BastionAsync(endpoint.Jumps, cancellationToken).ConfigureAwait(false);
        }
        catch (HostUnreachableException ex) when (ex is not HostKeyRejectedException)
        {
            throw new HostUnreachableException(host.Name, $"through jump host {nearest}: {ex.Reason}");
        }

        var (tunnel, release) = Tunnel(bastion.Client, endpoint.Host);
        try
        {
            var target = await OpenAsync(endpoint, "127.0.0.1", (int)tunnel.BoundPort, cancellationToken)
                .ConfigureAwait(false);
            var watch = Watch(target, endpoint);
            var password = host.BecomePassword?.Reveal();
            return new SshHostConnection(host.Name, target, release, _options, password, host.BecomeUser, watch);
        }
        catch
        {
            release();
            throw;
        }
    }

    /// <summary>A local port forwarded through <paramref name="through"/> to the host, and how to close it.</summary>
    private static (ForwardedPortLocal Tunnel, Action Release) Tunnel(SshClient through, HostEndpoint to)
    {
        var tunnel = new ForwardedPortLocal("127.0.0.1", 0, to.Address, (uint)to.Port);
        through.AddForwardedPort(tunnel);
        tunnel.Start();
        return (
            tunnel,
            () =>
            {
                tunnel.Dispose();
                try
                {
                    if (through.IsConnected)
                        through.RemoveForwardedPort(tunnel);
                }
                catch (ObjectDisposedException)
                {
                    // The bastion is already closed, and its forwarded ports with it.
                }
            }
        );
    }

    /// <summary>
    /// The shared connection to the last bastion of <paramref name="chain"/>, reached through the ones before it; a
    /// failed or dropped one is forgotten so the next host retries it.
    /// </summary>
    private async Task<Bastion> BastionAsync(IReadOnlyList<SshEndpoint> chain, CancellationToken cancellationToken)
    {
        var key = SshEndpoint.ChainKey(chain);
        var lazy = _bastions.GetOrAdd(key, _ => new Lazy<Task<Bastion>>(() => OpenBastionAsync(chain)));
        try
        {
            var bastion = await lazy.Value.WaitAsync(cancellationToken).ConfigureAwait(false);
            if (bastion.Client.IsConnected)
                return bastion;
        }
        catch (HostUnreachableException)
        {
            _bastions.TryRemove(new(key, lazy));
            throw;
        }

        if (_bastions.TryRemove(new(key, lazy)))
            (await lazy.Value.ConfigureAwait(false)).Dispose();
        return await BastionAsync(chain, cancellationToken).ConfigureAwait(false);
    }

    private async Task<Bastion> OpenBastionAsync(IReadOnlyList<SshEndpoint> chain)
    {
        var last = chain[^1];
        if (chain.Count == 1)
        {
            var first = await OpenAsync(last, last.Host.Address, last.Host.Port, CancellationToken.None)
                .ConfigureAwait(false);
            return new Bastion(first, null, Watch(first, last));
        }

        var before = await BastionAsync(chain.Take(chain.Count - 1).ToList(), CancellationToken.None)
            .ConfigureAwait(false);
        var (tunnel, release) = Tunnel(before.Client, last.Host);
        try
        {
            var through = await OpenAsync(last, "127.0.0.1", (int)tunnel.BoundPort, CancellationToken.None)
                .ConfigureAwait(false);
            return new Bastion(through, release, Watch(through, last));
        }
        catch
        {
            release();
            throw;
        }
    }

    /// <summary>
    /// Connects to <paramref name="address"/>:<paramref name="port"/> as the endpoint's host (whose real name the key
    /// is checked under).
    /// </summary>
    private async Task<SshClient> OpenAsync(
        SshEndpoint endpoint,
        string address,
        int port,
        CancellationToken cancellationToken
    )
    {
        var host = endpoint.Host;
        AuthenticationMethod[] methods;
        string credentials;
        try
        {
            (methods, credentials) = SshAuthentication.For(endpoint, _options, _keys);
        }
        catch (SshAgentException ex)
        {
            throw new HostUnreachableException(host.Name, ex.Message);
        }

        var info = new ConnectionInfo(address, port, endpoint.User, methods) { Timeout = endpoint.ConnectTimeout };
        if (info.KeyExchangeAlgorithms.ContainsKey(PreferredKeyExchange))
            info.KeyExchangeAlgorithms.SetPosition(PreferredKeyExchange, 0);

        var client = new SshClient(info);
        HostKeyRejectedException? rejected = null;
        client.HostKeyReceived += (_, e) =>
        {
            var presented = new PresentedHostKey(e.HostKeyName, e.HostKey, e.Certificate);
            rejected = _verifier.Verify(
                host,
                presented,
                endpoint.KnownHostsFiles,
                endpoint.KnownHostsWriteFile,
                endpoint.Policy
            );
            e.CanTrust = rejected is null;
        };

        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(endpoint.ConnectTimeout);
        try
        {
            await client.ConnectAsync(limit.Token).ConfigureAwait(false);
            return client;
        }
        catch (Exception ex)
        {
            client.Dispose();
            if (rejected is not null)
                throw rejected;
            if (ex is OperationCanceledException && cancellationToken.IsCancellationRequested)
                throw;
            throw ConnectFailure.From(ex, host, endpoint.User, credentials, endpoint.ConnectTimeout);
        }
    }

    /// <summary>
    /// Starts the connection's keepalives (<see cref="SshKeepAlive"/>: ssh_config's ServerAliveInterval and
    /// ServerAliveCountMax, else the transport's defaults), which also keep an idle connection through NAT or a
    /// firewall open. A host declared dead has its connection closed, which ends whatever still waits on it.
    /// </summary>
    private static SshKeepAlive? Watch(SshClient client, SshEndpoint endpoint)
    {
        var settings = endpoint.KeepAlive;
        var watch = SshKeepAlive.Start(client, endpoint.Host.Name, settings, () => _ = Task.Run(client.Dispose));
        if (watch is null && settings.Enabled)
            client.KeepAliveInterval = settings.Interval; // no dead-peer detection then, but NAT stays open
        return watch;
    }

    public async ValueTask DisposeAsync()
    {
        // The furthest bastions first: each one's tunnel runs through the one before it.
        foreach (var lazy in _bastions.OrderByDescending(b => b.Key.Split(" > ").Length).Select(b => b.Value))
        {
            if (!lazy.IsValueCreated)
                continue;
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

    /// <summary>A bastion's connection and, behind another bastion, the tunnel it runs through.</summary>
    private sealed record Bastion(SshClient Client, Action? Release, SshKeepAlive? KeepAlive) : IDisposable
    {
        public void Dispose()
        {
            KeepAlive?.Dispose();
            Client.Dispose();
            Release?.Invoke();
        }
    }
}
