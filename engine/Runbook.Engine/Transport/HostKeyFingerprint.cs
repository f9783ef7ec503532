using System.Security.Cryptography;

namespace Runbook.Transport;

/// <summary>OpenSSH-style key fingerprints.</summary>
internal static class HostKeyFingerprint
{
    /// <summary><c>SHA256:</c> and the unpadded base64 of the SHA-256 of the key blob, as <c>ssh-keygen -l</c> prints it.</summary>
    public static string Sha256(byte[] keyBlob) =>
        "SHA256:" + Convert.ToBase64String(SHA256.HashData(keyBlob)).TrimEnd('=');
}
