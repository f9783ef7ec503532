using Runbook.Transport.SshConfig;

namespace Runbook.Transport;

/// <summary>Settings of the SSH transport. Everything from the outside world (environment, home) is injectable.</summary>
public sealed record SshTransportOptions
{
    /// <summary>How to treat host keys; null: ssh_config's StrictHostKeyChecking for each host, else strict.</summary>
    public HostKeyPolicy? HostKeyPolicy { get; init; }

    /// <summary>
    /// The OpenSSH client configuration to read (<see cref="SshConfigSource.Default"/>: ~/.ssh/config, then
    /// /etc/ssh/ssh_config; or one file, like ssh -F). Null reads none, so a host program chooses.
    /// </summary>
    public SshConfigSource? SshConfig { get; init; }

    /// <summary>How long the ssh-agent may take to answer one request.</summary>
    public TimeSpan AgentTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Receives, formatted for people, the warnings found while checking hosts before a run (RB0084).
    /// </summary>
    public Action<string>? Warn { get; init; }

    /// <summary>The user's known_hosts (read, and written under accept-new). Default: ~/.ssh/known_hosts.</summary>
    public string? UserKnownHostsFile { get; init; }

    /// <summary>More known_hosts files to trust (read only) for every host, besides the user's and its own.</summary>
    public IReadOnlyList<string> ExtraKnownHostsFiles { get; init; } = [];

    /// <summary>TCP connect plus SSH handshake and authentication limit per host.</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Commands run at once on one connection (OpenSSH's MaxSessions defaults to 10); more wait their turn.</summary>
    public int MaxSessionsPerHost { get; init; } = 10;

    /// <summary>
    /// The keepalive interval of a connection whose ssh_config sets no ServerAliveInterval: 10 seconds; null or zero
    /// for none. Every interval the connection asks the host for an answer (a keepalive@openssh.com request).
    /// </summary>
    public TimeSpan? KeepAlive { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How many keepalives in a row may go unanswered before the host is declared dead and its connection closed,
    /// when ssh_config sets no ServerAliveCountMax: 3, so a host that froze is noticed after about 30 seconds.
    /// </summary>
    public int KeepAliveCountMax { get; init; } = 3;

    /// <summary>
    /// How long after a command's timeout the transport waits for the host to end it (the host's own timeout fires
    /// first) before it asks whether the host still answers, and how long it waits for that answer: a host that does
    /// not answer is given up on, the command reported timed out. 2 seconds.
    /// </summary>
    public TimeSpan LocalTimeoutGrace { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Reads RUNBOOK_SSH_PASSPHRASE, RUNBOOK_SSH_PASSWORD, RUNBOOK_BECOME_PASSWORD, USER, SSH_AUTH_SOCK.
    /// </summary>
    public Func<string, string?> Environment { get; init; } = _ => null;

    /// <summary>The home directory for ~/.ssh defaults. Default: the current user's profile directory.</summary>
    public string? HomeDirectory { get; init; }

    /// <summary>The user when neither the host nor the inventory names one. Default: $USER, else the OS user name.</summary>
    public string? DefaultUser { get; init; }

    internal string Home =>
        HomeDirectory ?? System.Environment.GetFolderPath(System.Environment.SpecialFolder.UserProfile);

    internal string KnownHostsPath => UserKnownHostsFile ?? Path.Combine(Home, ".ssh", "known_hosts");

    internal string UserFor(HostEndpoint host) =>
        host.User ?? DefaultUser ?? Environment("USER") ?? System.Environment.UserName;
}
