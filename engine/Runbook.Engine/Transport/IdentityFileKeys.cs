using System.Text;
using Runbook.Transport.Agent;

namespace Runbook.Transport;

/// <summary>
/// The public half of an identity file without decrypting it, to find the file's key among the agent's (as ssh's
/// pubkey_prepare does): <c>FILE.pub</c>, else the public key an OpenSSH-format private key carries in the clear.
/// A PEM key without a .pub file is not matched (it is then loaded from the file, as before).
/// </summary>
internal static class IdentityFileKeys
{
    public static byte[]? PublicKey(string path) => ReadPublicFile(path + ".pub") ?? FromOpenSshPrivateKey(path);

    /// <summary>The OpenSSH user certificate beside the key (<c>FILE-cert.pub</c>), if any.</summary>
    public static byte[]? Certificate(string path) => ReadPublicFile(path + "-cert.pub");

    private static byte[]? ReadPublicFile(string path)
    {
        try
        {
            if (!File.Exists(path))
                return null;
            var fields = File.ReadAllText(path)
                .Trim()
                .Split((char[])[' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
            return fields.Length >= 2 ? Convert.FromBase64String(fields[1]) : null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException)
        {
            return null;
        }
    }

    /// <summary>
    /// openssh-key-v1: magic, cipher, kdf, kdf options, key count, then the first public key in clear.
    /// </summary>
    private static byte[]? FromOpenSshPrivateKey(string path)
    {
        const string Begin = "-----BEGIN OPENSSH PRIVATE KEY-----";
        const string End = "-----END OPENSSH PRIVATE KEY-----";
        try
        {
            if (!File.Exists(path) || new FileInfo(path).Length > 64 * 1024)
                return null;
            var text = File.ReadAllText(path);
            var start = text.IndexOf(Begin, StringComparison.Ordinal);
            var end = text.IndexOf(End, StringComparison.Ordinal);
            if (start < 0 || end < start)
                return null;
            var base64 = text[(start + Begin.Length)..end]
                .Replace("\n", "", StringComparison.Ordinal)
                .Replace("\r", "", StringComparison.Ordinal);
            var data = Convert.FromBase64String(base64);
            var magic = Encoding.ASCII.GetBytes("openssh-key-v1\0");
            if (data.Length < magic.Length || !data.AsSpan(0, magic.Length).SequenceEqual(magic))
                return null;
            var offset = magic.Length;
            for (var i = 0; i < 3; i++)
            {
                if (SshWire.ReadString(data, offset, out offset) is null)
                    return null; // cipher, kdf, kdf options
            }

            return SshWire.ReadUInt32(data, ref offset) >= 1 ? SshWire.ReadString(data, offset, out _) : null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException)
        {
            return null;
        }
    }
}
