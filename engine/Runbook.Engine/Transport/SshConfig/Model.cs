using Runbook.Diagnostics;

namespace Runbook.Transport.SshConfig;

/// <summary>The <c>StrictHostKeyChecking</c> values (ssh_config(5)); <c>ask</c> is OpenSSH's default.</summary>
public enum StrictHostKeyChecking
{
    /// <summary><c>yes</c>: only keys already in known_hosts.</summary>
    Yes,

    /// <summary><c>accept-new</c>: new hosts' keys are recorded, changed keys refused.</summary>
    AcceptNew,

    /// <summary><c>no</c> or <c>off</c>.</summary>
    No,

    /// <summary><c>ask</c>: ssh asks on a terminal; Runbook never asks, so this is <see cref="Yes"/> for it.</summary>
    Ask,
}

/// <summary>
/// What an inventory says explicitly about a host, the way ssh's command line (<c>-o HostName=…</c>, <c>-p</c>,
/// <c>-l</c>, <c>-i</c>, <c>-J</c>) says it: it wins over ssh_config, and ssh_config fills in the rest.
/// </summary>
internal sealed record ExplicitSettings(
    string? HostName = null,
    int? Port = null,
    string? User = null,
    string? IdentityFile = null,
    string? ProxyJump = null
)
{
    public static readonly ExplicitSettings None = new();
}

/// <summary>
/// One hop of a <c>ProxyJump</c> chain: <c>[user@]host[:port]</c> or <c>ssh://[user@]host[:port]</c>.
/// </summary>
internal sealed record ProxyJumpHop(string Host, string? User, int? Port)
{
    /// <summary>As <c>ssh -G</c> prints a hop: a numeric or IPv6 host in brackets.</summary>
    public override string ToString()
    {
        var numeric = Host.Contains(':', StringComparison.Ordinal) || Host.All(c => char.IsAsciiDigit(c) || c == '.');
        var host = numeric ? $"[{Host}]" : Host;
        var port = Port is { } p ? ":" + p.ToString(System.Globalization.CultureInfo.InvariantCulture) : "";
        return (User is null ? "" : User + "@") + host + port;
    }
}

/// <summary>
/// An identity file as configured and as a path (after <c>~</c> and <c>%</c> tokens), and where it was set.
/// </summary>
internal sealed record SshIdentityFile(string Configured, string Path, SourceSpan? Span);

/// <summary>A known_hosts file list as configured and as paths, and where it was set.</summary>
internal sealed record SshFileList(IReadOnlyList<string> Configured, IReadOnlyList<string> Paths, SourceSpan Span);

/// <summary>
/// A host's connection settings after the explicit settings and ssh_config, before Runbook's own defaults: a null
/// or empty value means neither said anything (the caller applies its default, which <see cref="SshGLines"/> shows
/// as OpenSSH's).
/// </summary>
internal sealed record ResolvedEndpoint
{
    /// <summary>
    /// The name the host was resolved under (ssh's host argument): what <c>Host</c> patterns matched.
    /// </summary>
    public required string Alias { get; init; }

    /// <summary>
    /// Where to connect: <c>HostName</c> with <c>%h</c> expanded, else the alias; lowercased unless an address.
    /// </summary>
    public required string HostName { get; init; }

    public int? Port { get; init; }

    public string? User { get; init; }

    /// <summary>
    /// The user when nobody names one (ssh's local user name); what <c>%r</c> and <c>Match user</c> saw.
    /// </summary>
    public required string DefaultUser { get; init; }

    /// <summary>The identity files in the order ssh tries them; empty when none is configured.</summary>
    public IReadOnlyList<SshIdentityFile> IdentityFiles { get; init; } = [];

    public bool IdentitiesOnly { get; init; }

    /// <summary>The jump hosts, the first one connected to first; empty for a direct connection.</summary>
    public IReadOnlyList<ProxyJumpHop> ProxyJump { get; init; } = [];

    /// <summary>Where the <c>ProxyJump</c> came from (null when explicit or absent).</summary>
    public SourceSpan? ProxyJumpSpan { get; init; }

    /// <summary>The chain as <c>ssh -G</c> prints it: the earlier hops as written, the last one normalised.</summary>
    public string? ProxyJumpText { get; init; }

    /// <summary>A <c>ProxyCommand</c> that applies (not <c>none</c>); Runbook cannot honour it.</summary>
    public string? ProxyCommand { get; init; }

    public SshFileList? UserKnownHostsFiles { get; init; }

    public SshFileList? GlobalKnownHostsFiles { get; init; }

    public StrictHostKeyChecking? StrictHostKeyChecking { get; init; }

    public SourceSpan? StrictHostKeyCheckingSpan { get; init; }

    public TimeSpan? ConnectTimeout { get; init; }

    /// <summary>ServerAliveInterval: null when not set, zero when set to 0 (no keepalives, as in ssh).</summary>
    public TimeSpan? ServerAliveInterval { get; init; }

    /// <summary>ServerAliveCountMax: null when not set (ssh's default is 3).</summary>
    public int? ServerAliveCountMax { get; init; }

    /// <summary>
    /// <c>IdentityAgent</c> after expansion: a socket path, <c>none</c>, or <c>SSH_AUTH_SOCK</c>; null if unset.
    /// </summary>
    public string? IdentityAgent { get; init; }

    public SourceSpan? IdentityAgentSpan { get; init; }

    /// <summary>
    /// Problems with this host's settings: warnings for what Runbook does not do, errors for what is wrong.
    /// </summary>
    public IReadOnlyList<Diagnostic> Diagnostics { get; init; } = [];

    public bool HasErrors => Diagnostics.Any(d => d.IsError);

    /// <summary>
    /// The settings Runbook reads, as <c>ssh -G</c> prints them (OpenSSH's defaults where nothing is configured;
    /// identity files as configured, unexpanded, like ssh -G): to compare with OpenSSH and to show operators.
    /// </summary>
    public IReadOnlyList<string> SshGLines(string home)
    {
        var lines = new List<string>
        {
            "host " + Alias,
            "user " + (User ?? DefaultUser),
            "hostname " + HostName,
            "port " + (Port ?? 22).ToString(System.Globalization.CultureInfo.InvariantCulture),
            "identitiesonly " + (IdentitiesOnly ? "yes" : "no"),
            "stricthostkeychecking "
                + (
                    StrictHostKeyChecking switch
                    {
                        SshConfig.StrictHostKeyChecking.Yes => "true",
                        SshConfig.StrictHostKeyChecking.No => "false",
                        SshConfig.StrictHostKeyChecking.AcceptNew => "accept-new",
                        _ => "ask",
                    }
                ),
            "serveraliveinterval " + Seconds(ServerAliveInterval, "0"),
            "serveralivecountmax "
                + (ServerAliveCountMax ?? 3).ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        if (IdentityAgent is not null)
            lines.Add("identityagent " + IdentityAgent);
        var identities = IdentityFiles.Count > 0 ? IdentityFiles.Select(f => f.Configured) : OpenSshDefaultIdentities;
        lines.AddRange(identities.Select(f => "identityfile " + f));
        var global = GlobalKnownHostsFiles?.Configured ?? ["/etc/ssh/ssh_known_hosts", "/etc/ssh/ssh_known_hosts2"];
        var user = UserKnownHostsFiles?.Paths ?? [home + "/.ssh/known_hosts", home + "/.ssh/known_hosts2"];
        lines.Add("globalknownhostsfile " + Files(global));
        lines.Add("userknownhostsfile " + Files(user));
        lines.Add("connecttimeout " + Seconds(ConnectTimeout, "none"));
        if (ProxyJumpText is not null)
            lines.Add("proxyjump " + ProxyJumpText);
        else if (ProxyCommand is not null)
            lines.Add("proxycommand " + ProxyCommand);
        return lines;
    }

    private static string Files(IReadOnlyList<string> files) =>
        files.Count == 0 || (files.Count == 1 && files[0].Equals("none", StringComparison.OrdinalIgnoreCase))
            ? "none"
            : string.Join(' ', files);

    /// <summary>The identity files ssh tries when none is configured, as ssh -G lists them.</summary>
    private static readonly string[] OpenSshDefaultIdentities =
    [
        "~/.ssh/id_rsa",
        "~/.ssh/id_ecdsa",
        "~/.ssh/id_ecdsa_sk",
        "~/.ssh/id_ed25519",
        "~/.ssh/id_ed25519_sk",
        "~/.ssh/id_xmss",
        "~/.ssh/id_dsa",
    ];

    private static string Seconds(TimeSpan? value, string unset) =>
        value is { } v ? ((long)v.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture) : unset;
}
