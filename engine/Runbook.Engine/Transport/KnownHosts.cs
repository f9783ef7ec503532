using System.Globalization;

namespace Runbook.Transport;

/// <summary>
/// known_hosts files as OpenSSH reads them: plain and hashed (<c>|1|salt|hmac-sha1</c>) names, <c>[host]:port</c>,
/// comma-separated and wildcard patterns, <c>@cert-authority</c> and <c>@revoked</c> lines. Unreadable lines are skipped.
/// </summary>
public sealed class KnownHosts
{
    private KnownHosts(IReadOnlyList<KnownHostEntry> entries) => Entries = entries;

    internal IReadOnlyList<KnownHostEntry> Entries { get; }

    private KnownHostsIndex? _index;

    /// <summary>
    /// The entries of several parsed files, in order (<see cref="HostKeyVerifier"/> caches each file).
    /// </summary>
    internal static KnownHosts Of(IEnumerable<KnownHosts> files) => new([.. files.SelectMany(f => f.Entries)]);

    /// <summary>Reads the files that exist, in order; a missing file counts as empty.</summary>
    public static KnownHosts Load(IEnumerable<string> files)
    {
        var entries = new List<KnownHostEntry>();
        foreach (var file in files.Distinct(StringComparer.Ordinal))
        {
            if (File.Exists(file))
                entries.AddRange(Parse(File.ReadAllText(file), file).Entries);
        }

        return new KnownHosts(entries);
    }

    public static KnownHosts Parse(string text, string source)
    {
        ArgumentNullException.ThrowIfNull(text);
        var entries = new List<KnownHostEntry>();
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            if (ParseLine(lines[i].Trim(), source, i + 1) is { } entry)
                entries.Add(entry);
        }

        return new KnownHosts(entries);
    }

    /// <summary>The name a host has in known_hosts: <c>host</c> on port 22, <c>[host]:port</c> otherwise.</summary>
    public static string NameFor(string host, int port) =>
        port == 22 ? host : "[" + host + "]:" + port.ToString(CultureInfo.InvariantCulture);

    /// <summary>A known_hosts line for a key: <c>names keytype base64</c>.</summary>
    public static string FormatLine(IEnumerable<string> names, string keyType, byte[] key) =>
        string.Join(',', names.Distinct(StringComparer.Ordinal)) + " " + keyType + " " + Convert.ToBase64String(key);

    /// <summary>The entries with <paramref name="marker"/> that name any of <paramref name="names"/>.</summary>
    internal IReadOnlyList<KnownHostEntry> Matching(IReadOnlyCollection<string> names, KnownHostMarker marker) =>
        LazyInitializer.EnsureInitialized(ref _index, () => new KnownHostsIndex(Entries)).Matching(names, marker);

    private static KnownHostEntry? ParseLine(string line, string source, int number)
    {
        if (line.Length == 0 || line.StartsWith('#'))
            return null;
        var fields = line.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
        var marker = KnownHostMarker.None;
        var at = 0;
        if (fields[0].StartsWith('@'))
        {
            marker = fields[0] switch
            {
                "@cert-authority" => KnownHostMarker.CertAuthority,
                "@revoked" => KnownHostMarker.Revoked,
                _ => (KnownHostMarker)(-1),
            };
            if (!Enum.IsDefined(marker))
                return null;
            at = 1;
        }

        if (fields.Length < at + 3)
            return null;
        try
        {
            return new KnownHostEntry(
                marker,
                fields[at],
                fields[at + 1],
                Convert.FromBase64String(fields[at + 2]),
                source,
                number
            );
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
