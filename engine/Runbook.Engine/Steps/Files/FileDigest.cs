using System.Globalization;
using System.Security.Cryptography;

namespace Runbook.Steps.Files;

/// <summary>The size and SHA-256 (lower-case hex) of a file's bytes: what plans show and hosts are compared
/// by.</summary>
internal sealed record FileDigest(long Size, string Sha256)
{
    public static FileDigest Of(byte[] bytes) => new(bytes.LongLength, Hex(SHA256.HashData(bytes)));

    /// <summary>Reads the stream to its end in chunks, so a file of any size is hashed in constant memory.</summary>
    public static FileDigest Of(Stream stream)
    {
        using var hashing = new HashingStream(stream, reading: true);
        var buffer = new byte[64 * 1024];
        while (hashing.Read(buffer, 0, buffer.Length) > 0) { }
        return hashing.Digest();
    }

    public static string Hex(byte[] hash) => Convert.ToHexStringLower(hash);

    /// <summary>"1234 bytes, sha256 e3b0…" as plans show it.</summary>
    public override string ToString() =>
        $"{Size.ToString(CultureInfo.InvariantCulture)} {(Size == 1 ? "byte" : "bytes")}, sha256 {Sha256}";
}
