using Renci.SshNet.Security;

namespace Runbook.Transport;

/// <summary>What a host showed during key exchange: key type, key blob, and its certificate if it sent one.</summary>
internal sealed record PresentedHostKey(string KeyType, byte[] Key, Certificate? Certificate)
{
    public string Fingerprint => HostKeyFingerprint.Sha256(Key);
}
