using Runbook.Diagnostics;
using Runbook.Model;
using Runbook.Transport.Agent;

namespace Runbook.Transport;

/// <summary>
/// Everything one SSH connection uses, after the inventory's explicit settings, ssh_config and Runbook's defaults.
/// <see cref="Host"/> carries the name host keys are checked under and the resolved address, port and user.
/// </summary>
internal sealed record SshEndpoint(
    HostDefinition Host,
    string User,
    IReadOnlyList<IdentityFileChoice> IdentityFiles,
    bool IdentitiesOnly,
    SshAgentClient? Agent,
    IReadOnlyList<SshEndpoint> Jumps,
    IReadOnlyList<string> KnownHostsFiles,
    string? KnownHostsWriteFile,
    HostKeyPolicy Policy,
    TimeSpan ConnectTimeout,
    TimeSpan? KeepAlive)
{
    /// <summary>A name for the chain of bastions up to and including this endpoint (shared connections are keyed by it).</summary>
    public string ChainKey => string.Join(" > ", Jumps.Select(j => j.Host.Name).Append(Host.Name));
}

/// <summary>
/// An identity file to try: the inventory's (which must exist), ssh_config's (skipped when missing, as ssh does) or
/// one of Runbook's defaults (~/.ssh/id_ed25519, id_ecdsa, id_rsa, when they exist).
/// </summary>
internal sealed record IdentityFileChoice(string Path, string Written, bool MustExist, SourceSpan? Span);
