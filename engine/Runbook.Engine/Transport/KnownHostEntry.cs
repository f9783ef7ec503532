using System.Security.Cryptography;
using System.Text;

namespace Runbook.Transport;

/// <summary>One known_hosts line: host patterns (plain, wildcard, negated or hashed), key type and key blob.</summary>
internal sealed record KnownHostEntry(
    KnownHostMarker Marker,
    string Patterns,
    string KeyType,
    byte[] Key,
    string Source,
    int Line
)
{
    public string Fingerprint => HostKeyFingerprint.Sha256(Key);

    /// <summary>Whether this entry names <paramref name="name"/> (already in known_hosts form: host or [host]:port).</summary>
    public bool Matches(string name)
    {
        if (Patterns.StartsWith("|1|", StringComparison.Ordinal))
            return HashedMatches(Patterns, name);
        var matched = false;
        foreach (var raw in Patterns.Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            var negated = raw.StartsWith('!');
            var pattern = negated ? raw[1..] : raw;
            if (!Selectors.Glob.IsMatch(pattern, name, ignoreCase: true))
                continue; // OpenSSH match_pattern
            if (negated)
                return false;
            matched = true;
        }

        return matched;
    }

    private static bool HashedMatches(string patterns, string name)
    {
        var parts = patterns.Split('|');
        if (parts.Length != 4)
            return false;
        try
        {
            var salt = Convert.FromBase64String(parts[2]);
            var expected = Convert.FromBase64String(parts[3]);
#pragma warning disable CA5350 // OpenSSH's hashed known_hosts format is defined as HMAC-SHA1; this only matches it.
            var actual = HMACSHA1.HashData(salt, Encoding.UTF8.GetBytes(name));
#pragma warning restore CA5350
            return CryptographicOperations.FixedTimeEquals(actual, expected);
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
