using Runbook.Diagnostics;
using Runbook.Transport.Agent;

namespace Runbook.Transport;

/// <summary>
/// Everything one SSH connection uses, after the inventory's explicit settings, ssh_config and Runbook's defaults.
/// <see cref="Host"/> carries the name host keys are checked under and the resolved address, port and user; its
/// <see cref="HostEndpoint.Jump"/> is the plan's, <see cref="Jumps"/> the chain actually used.
/// </summary>
internal sealed record SshEndpoint(
    HostEndpoint Host,
    string User,
    IReadOnlyList<IdentityFileChoice> IdentityFiles,
    bool IdentitiesOnly,
    SshAgentClient? Agent,
    IReadOnlyList<SshEndpoint> Jumps,
    IReadOnlyList<string> KnownHostsFiles,
    string? KnownHostsWriteFile,
    HostKeyPolicy Policy,
    TimeSpan ConnectTimeout,
    KeepAliveSettings KeepAlive
)
{
    /// <summary>Who connects where, to check each distinct endpoint once before a run.</summary>
    public string Key => $"{User}@{Host.Name}/{Host.Address}:{Host.Port}";

    /// <summary>A name for a chain of bastions: shared connections are keyed by the whole path to them.</summary>
    public static string ChainKey(IEnumerable<SshEndpoint> chain) =>
        string.Join(" > ", chain.Select(e => $"{e.User}@{e.Host.Name}/{e.Host.Address}:{e.Host.Port}"));
}

/// <summary>
/// An identity file to try: the inventory's (which must exist), ssh_config's (skipped when missing, as ssh does) or
/// one of Runbook's defaults (~/.ssh/id_ed25519, id_ecdsa, id_rsa, when they exist).
/// </summary>
internal sealed record IdentityFileChoice(string Path, string Written, bool MustExist, SourceSpan? Span);
