using System.Collections.Concurrent;
using Runbook.Diagnostics;
using Runbook.Transport.Agent;
using Runbook.Transport.SshConfig;

namespace Runbook.Transport;

/// <summary>
/// Where the transport resolves a host's connection settings. Precedence: what the inventory says explicitly (the
/// plan's <see cref="HostEndpoint"/>), then ssh_config (when <see cref="SshTransportOptions.SshConfig"/> names files to
/// read), then Runbook's defaults. A native inventory host is resolved under its name (an inventory may list hosts by
/// ssh_config alias only) with its address as HostName; an Ansible host under its address (ansible_host, else its
/// name), as Ansible's ssh does (<see cref="HostEndpoint.Alias"/>). Jump chains come from the inventory's
/// <c>jump</c> or from ProxyJump; every hop is resolved the same way.
/// </summary>
internal sealed class SshEndpoints
{
    private const int MaxHops = 8;
    private static readonly string[] DefaultKeys = ["id_ed25519", "id_ecdsa", "id_rsa"];

    private readonly SshTransportOptions _options;
    private readonly IReadOnlyDictionary<string, HostEndpoint> _hosts;
    private readonly ConcurrentDictionary<string, SshAgentClient> _agents = new(StringComparer.Ordinal);

    /// <param name="hosts">The plan's hosts: a ProxyJump hop that is one of them is reached with its settings.</param>
    public SshEndpoints(SshTransportOptions options, IEnumerable<HostEndpoint>? hosts = null)
    {
        _options = options;
        _hosts = (hosts ?? []).DistinctBy(h => h.Name).ToDictionary(h => h.Name, StringComparer.Ordinal);
        if (options.SshConfig is { } source)
        {
            var environment = SshConfigEnvironment.ForCurrentUser(
                options.Environment,
                options.Home,
                options.DefaultUser
            );
            Config = SshConfigResolver.Load(source, environment);
        }
    }

    /// <summary>The ssh_config read, or null when the transport reads none.</summary>
    public SshConfigResolver? Config { get; }

    /// <summary>Every agent an endpoint has used so far, by socket.</summary>
    public IEnumerable<SshAgentClient> Agents => _agents.Values;

    /// <summary>
    /// The host's endpoint; a problem with its settings makes it unreachable (the error names file:line).
    /// </summary>
    public SshEndpoint For(HostEndpoint host)
    {
        var diagnostics = new List<Diagnostic>();
        try
        {
            var endpoint = Resolve(host, noJump: false, depth: 0, diagnostics);
            if (diagnostics.FirstOrDefault(d => d.IsError) is { } error)
            {
                throw new HostUnreachableException(host.Name, Describe(error));
            }

            return endpoint;
        }
        catch (EndpointException ex)
        {
            var reason = ex.Span is { IsKnown: true } span ? $"{span}: {ex.Message}" : ex.Message;
            throw new HostUnreachableException(host.Name, reason);
        }
    }

    /// <summary>The host's endpoint and every problem with it, for checking before a run.</summary>
    public (SshEndpoint? Endpoint, List<Diagnostic> Diagnostics) Check(HostEndpoint host)
    {
        var diagnostics = new List<Diagnostic>();
        try
        {
            return (Resolve(host, noJump: false, depth: 0, diagnostics), diagnostics);
        }
        catch (EndpointException ex)
        {
            var message = $"{host.Name}: {ex.Message}";
            var span = ex.Span ?? host.Span ?? SourceSpan.None(host.Name);
            diagnostics.Add(new Diagnostic(Codes.SshConfigValue.Id, Severity.Error, span, message));
            return (null, diagnostics);
        }
    }

    private static string Describe(Diagnostic d) => (d.Span.IsKnown ? d.Span + ": " : "") + d.Message;

    private SshEndpoint Resolve(HostEndpoint host, bool noJump, int depth, List<Diagnostic> diagnostics)
    {
        if (depth > MaxHops)
        {
            throw new EndpointException(
                null,
                $"the jump hosts in front of {host.Name} are more than {MaxHops} deep: is there a loop?"
            );
        }

        var resolved = Config?.Resolve(host.ConfigName, Explicit(host, noJump));
        if (resolved is not null)
            diagnostics.AddRange(resolved.Diagnostics);

        var address = resolved?.HostName ?? host.Address;
        var port = resolved?.Port ?? host.Port;
        var user = resolved?.User ?? _options.UserFor(host);
        var target = host with { Address = address, Port = port, User = user };

        var jumps = new List<SshEndpoint>();
        if (!noJump && host.Jump is { } jump)
        {
            var bastion = Resolve(jump, noJump: false, depth + 1, diagnostics);
            jumps.AddRange(bastion.Jumps);
            jumps.Add(bastion);
        }
        else if (!noJump && resolved is { ProxyJump.Count: > 0 } viaConfig)
        {
            // ssh -J a,b target: a is reached as ssh would reach it (its own settings, its own jumps); b through a,
            // with b's own ProxyJump overridden; the target through b.
            for (var i = 0; i < viaConfig.ProxyJump.Count; i++)
            {
                var hopHost = HopHost(viaConfig.ProxyJump[i], viaConfig.ProxyJumpSpan ?? host.Span, host);
                var hop = Resolve(hopHost, noJump: i > 0, depth + 1, diagnostics);
                if (i == 0)
                    jumps.AddRange(hop.Jumps);
                jumps.Add(hop);
            }
        }

        return new SshEndpoint(
            target,
            user,
            Identities(host, resolved),
            resolved?.IdentitiesOnly ?? false,
            Agent(resolved),
            jumps,
            KnownHosts(host, resolved, out var writeFile),
            writeFile,
            Policy(resolved, diagnostics),
            resolved?.ConnectTimeout is { TotalSeconds: > 0 } timeout ? timeout : _options.ConnectTimeout,
            KeepAlive(resolved)
        );
    }

    /// <summary>What the inventory wrote, as ssh's command line would say it.</summary>
    private static ExplicitSettings Explicit(HostEndpoint host, bool noJump) =>
        new(
            HostName: host.AddressGiven ? host.Address : null,
            Port: host.PortGiven ? host.Port : null,
            User: host.User,
            IdentityFile: host.IdentityFile,
            ProxyJump: noJump ? "none" : host.Jump?.Name
        );

    /// <summary>
    /// A ProxyJump hop: the plan's host of that name if there is one, else a host known by ssh_config only (its host
    /// keys checked in the same files as the host it leads to).
    /// </summary>
    private HostEndpoint HopHost(ProxyJumpHop hop, SourceSpan? span, HostEndpoint from)
    {
        if (_hosts.GetValueOrDefault(hop.Host) is { } known)
        {
            return known with
            {
                User = hop.User ?? known.User,
                Port = hop.Port ?? known.Port,
                PortGiven = hop.Port is not null || known.PortGiven,
            };
        }

        return new HostEndpoint(hop.Host, hop.Host, hop.Port ?? 22, hop.User, null, null, from.KnownHostsFile)
        {
            Span = span,
            AddressGiven = false,
            PortGiven = hop.Port is not null,
        };
    }

    /// <summary>The inventory's identity file alone; else ssh_config's in order; else Runbook's defaults.</summary>
    private List<IdentityFileChoice> Identities(HostEndpoint host, ResolvedEndpoint? resolved)
    {
        if (host.IdentityFile is { } identity)
        {
            var path = SshAuthentication.Expand(identity, _options.Home);
            return [new IdentityFileChoice(path, identity, MustExist: true, host.Span)];
        }

        if (resolved is { IdentityFiles.Count: > 0 } configured)
        {
            return configured
                .IdentityFiles.Select(f => new IdentityFileChoice(f.Path, f.Configured, MustExist: false, f.Span))
                .ToList();
        }

        return DefaultKeys
            .Select(k => Path.Combine(_options.Home, ".ssh", k))
            .Select(p => new IdentityFileChoice(p, p, MustExist: false, null))
            .ToList();
    }

    /// <summary>
    /// ssh_config's IdentityAgent (a path, $VAR, SSH_AUTH_SOCK or none), else SSH_AUTH_SOCK when set.
    /// </summary>
    private SshAgentClient? Agent(ResolvedEndpoint? resolved)
    {
        var configured = resolved?.IdentityAgent;
        string? path;
        string source;
        if (configured is null or SshAgentClient.EnvironmentVariable)
        {
            path = _options.Environment(SshAgentClient.EnvironmentVariable);
            source = SshAgentClient.EnvironmentVariable;
        }
        else if (configured == "none")
        {
            return null;
        }
        else if (configured.StartsWith('$'))
        {
            path = _options.Environment(configured[1..]);
            source = $"{configured}, IdentityAgent at {resolved!.IdentityAgentSpan}";
        }
        else
        {
            path = configured;
            source = $"IdentityAgent at {resolved!.IdentityAgentSpan}";
        }

        if (string.IsNullOrEmpty(path))
            return null;
        return _agents.GetOrAdd(path, p => new SshAgentClient(p, source, _options.AgentTimeout));
    }

    /// <summary>
    /// The known_hosts files: the user's (the transport's option, else ssh_config's UserKnownHostsFile, else
    /// ~/.ssh/known_hosts), the inventory's, the extra ones, then the global ones when ssh_config is read (its
    /// GlobalKnownHostsFile, else /etc/ssh/ssh_known_hosts and ssh_known_hosts2, as ssh). New keys go to the first
    /// user file.
    /// </summary>
    private List<string> KnownHosts(HostEndpoint host, ResolvedEndpoint? resolved, out string? writeFile)
    {
        var user =
            _options.UserKnownHostsFile is not null || resolved?.UserKnownHostsFiles is null
                ? [_options.KnownHostsPath]
                : resolved.UserKnownHostsFiles.Paths.ToList();
        writeFile = user.FirstOrDefault();
        var files = new List<string>(user);
        if (host.KnownHostsFile is { } inventoryFile)
            files.Add(inventoryFile);
        files.AddRange(_options.ExtraKnownHostsFiles);
        if (resolved is not null)
        {
            var global = resolved.GlobalKnownHostsFiles?.Paths;
            files.AddRange(global ?? ["/etc/ssh/ssh_known_hosts", "/etc/ssh/ssh_known_hosts2"]);
        }

        return files;
    }

    /// <summary>The transport's policy when given; else ssh_config's StrictHostKeyChecking; else strict.</summary>
    /// <summary>
    /// ssh_config's ServerAliveInterval (0: none, as in ssh) and ServerAliveCountMax, each else the transport's
    /// default (10 s and 3: unlike ssh, whose keepalives are off unless configured, so that a frozen host is noticed).
    /// A count of 0, which ssh takes as "give up at the first silent interval", counts as 1 here.
    /// </summary>
    private KeepAliveSettings KeepAlive(ResolvedEndpoint? resolved) =>
        new(
            resolved?.ServerAliveInterval ?? _options.KeepAlive ?? TimeSpan.Zero,
            Math.Max(1, resolved?.ServerAliveCountMax ?? _options.KeepAliveCountMax)
        );

    private HostKeyPolicy Policy(ResolvedEndpoint? resolved, List<Diagnostic> diagnostics)
    {
        if (_options.HostKeyPolicy is { } given)
            return given;
        switch (resolved?.StrictHostKeyChecking)
        {
            case StrictHostKeyChecking.AcceptNew:
                return HostKeyPolicy.AcceptNew;
            case StrictHostKeyChecking.No:
                // ssh would also connect to a host whose key changed; Runbook records new keys but never that.
                var where = resolved.StrictHostKeyCheckingSpan ?? SourceSpan.None("ssh_config");
                diagnostics.Add(
                    new Diagnostic(
                        Codes.SshConfigNotApplied.Id,
                        Severity.Warning,
                        where,
                        "StrictHostKeyChecking no is applied as accept-new: new host keys are recorded, changed "
                            + "ones are "
                            + "still refused",
                        "to skip host key checks on purpose, run with --host-key-policy off"
                    )
                );
                return HostKeyPolicy.AcceptNew;
            default:
                return HostKeyPolicy.Strict;
        }
    }

    /// <summary>A problem with one host's settings, where it was written when known.</summary>
    private sealed class EndpointException(SourceSpan? span, string message) : Exception(message)
    {
        public SourceSpan? Span { get; } = span;
    }
}
