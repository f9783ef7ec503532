using Renci.SshNet;
using Renci.SshNet.Security;

namespace Runbook.Transport.Agent;

/// <summary>
/// A public key algorithm whose private half stays in ssh-agent: SSH.NET sends <see cref="Data"/> (a key or a
/// certificate) to the server and calls <see cref="Sign"/> for the user-authentication signature, which the agent
/// makes. This is the whole hook: SSH.NET's publickey method only needs a name, the public data and a signature.
/// </summary>
internal sealed class AgentHostAlgorithm(
    string name,
    byte[] publicData,
    byte[] signingKey,
    AgentSignFlags flags,
    SshAgentClient agent
) : HostAlgorithm(name)
{
    public override byte[] Data => publicData;

    /// <summary>The agent's signature, already encoded as SSH.NET expects it (string algorithm, string blob).</summary>
    public override byte[] Sign(byte[] data) => agent.Sign(signingKey, data, flags);

    /// <summary>Never called for client authentication, which is all this algorithm is used for.</summary>
    public override bool VerifySignature(byte[] data, byte[] signature) =>
        throw new NotSupportedException("an agent key only signs");
}

/// <summary>
/// One agent key (or a certificate presented with an agent key) as an SSH.NET key source: ed25519 and ECDSA as
/// they are, RSA as rsa-sha2-512 then rsa-sha2-256 (the agent's SSH_AGENT_RSA_SHA2_* flags; never SHA-1 ssh-rsa),
/// certificates under their -cert-v01@openssh.com names.
/// </summary>
internal sealed class AgentKeySource : IPrivateKeySource
{
    private AgentKeySource(IReadOnlyCollection<HostAlgorithm> algorithms) => HostKeyAlgorithms = algorithms;

    public IReadOnlyCollection<HostAlgorithm> HostKeyAlgorithms { get; }

    /// <summary>
    /// The algorithms to offer <paramref name="publicData"/> under, signed by the agent with
    /// <paramref name="signingKey"/> (the same blob, or the key a certificate certifies); null for a key type
    /// Runbook does not offer (DSA).
    /// </summary>
    public static AgentKeySource? For(string keyType, byte[] publicData, byte[] signingKey, SshAgentClient agent)
    {
        var algorithms = Names(keyType)
            .Select(n => (HostAlgorithm)new AgentHostAlgorithm(n.Name, publicData, signingKey, n.Flags, agent))
            .ToList();
        return algorithms.Count == 0 ? null : new AgentKeySource(algorithms);
    }

    private static List<(string Name, AgentSignFlags Flags)> Names(string keyType) =>
        keyType switch
        {
            "ssh-rsa" => [("rsa-sha2-512", AgentSignFlags.RsaSha512), ("rsa-sha2-256", AgentSignFlags.RsaSha256)],
            "ssh-rsa-cert-v01@openssh.com" =>
            [
                ("rsa-sha2-512-cert-v01@openssh.com", AgentSignFlags.RsaSha512),
                ("rsa-sha2-256-cert-v01@openssh.com", AgentSignFlags.RsaSha256),
            ],
            "ssh-ed25519"
            or "ecdsa-sha2-nistp256"
            or "ecdsa-sha2-nistp384"
            or "ecdsa-sha2-nistp521"
            or "sk-ssh-ed25519@openssh.com"
            or "sk-ecdsa-sha2-nistp256@openssh.com"
            or "ssh-ed25519-cert-v01@openssh.com"
            or "ecdsa-sha2-nistp256-cert-v01@openssh.com"
            or "ecdsa-sha2-nistp384-cert-v01@openssh.com"
            or "ecdsa-sha2-nistp521-cert-v01@openssh.com"
            or "sk-ssh-ed25519-cert-v01@openssh.com"
            or "sk-ecdsa-sha2-nistp256-cert-v01@openssh.com" => [(keyType, AgentSignFlags.None)],
            _ => [],
        };
}
