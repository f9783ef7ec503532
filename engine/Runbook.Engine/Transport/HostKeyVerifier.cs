using Renci.SshNet.Security;

namespace Runbook.Transport;

/// <summary>
/// Decides whether a presented host key is trusted, under the host's real name and address (also behind a jump host):
/// revoked → refused; a listed key → trusted; other keys listed → changed, refused; a host certificate signed by a
/// listed <c>@cert-authority</c> → trusted; nothing listed → refused (strict) or recorded (accept-new).
/// </summary>
internal sealed class HostKeyVerifier
{
    private readonly Lock _writeLock = new();

    // Each known_hosts file parsed once per transport (per run), again only when it changed (accept-new appends to
    // it): parsing it at every connect was 12% of the CPU of a 300-host run, and grows with hosts x lines.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<
        string,
        (DateTime Written, long Length, KnownHosts Parsed)
    > _files = new(StringComparer.Ordinal);

    /// <summary>
    /// Returns null when the key is trusted, otherwise the exception to report. <paramref name="knownHostsFiles"/>
    /// are read in order; under accept-new a new key is recorded in <paramref name="writeFile"/> (none: trusted only).
    /// </summary>
    public HostKeyRejectedException? Verify(
        HostEndpoint host,
        PresentedHostKey presented,
        IReadOnlyList<string> knownHostsFiles,
        string? writeFile,
        HostKeyPolicy policy
    )
    {
        if (policy == HostKeyPolicy.Off)
            return null;
        var known = Load(knownHostsFiles);
        var names = NamesOf(host);
        var where = $"{host.Name} ({host.Address}:{host.Port})";

        var revoked = known
            .Matching(["*"], KnownHostMarker.Revoked)
            .Concat(known.Matching(names, KnownHostMarker.Revoked))
            .FirstOrDefault(e => e.Key.AsSpan().SequenceEqual(presented.Key) || IsCaOf(e, presented.Certificate));
        if (revoked is not null)
        {
            return new HostKeyRejectedException(
                host.Name,
                $"host key for {where} is revoked ({presented.Fingerprint}, @revoked in "
                    + $"{revoked.Source}:{revoked.Line})",
                revoked.Fingerprint,
                presented.Fingerprint
            );
        }

        var listed = known.Matching(names, KnownHostMarker.None);
        if (listed.Any(e => e.Key.AsSpan().SequenceEqual(presented.Key)))
            return null;
        if (presented.Certificate is { } certificate && TrustedCertificate(known, names, host, certificate))
            return null;
        if (listed.Count > 0)
        {
            var old = listed.FirstOrDefault(e => e.KeyType == presented.KeyType) ?? listed[0];
            var name = KnownHosts.NameFor(host.Name, host.Port);
            return new HostKeyRejectedException(
                host.Name,
                $"host key for {where} has changed: known_hosts has {old.Fingerprint} ({old.Source}:{old.Line}), "
                    + $"the host presented {presented.Fingerprint}; "
                    + $"if the host was reinstalled, remove the old key with ssh-keygen -R '{name}' -f {old.Source}",
                old.Fingerprint,
                presented.Fingerprint
            );
        }

        var addTo = writeFile ?? (knownHostsFiles.Count > 0 ? knownHostsFiles[0] : "~/.ssh/known_hosts");
        if (policy == HostKeyPolicy.AcceptNew)
        {
            if (writeFile is not null)
                Record(writeFile, names, presented);
            return null;
        }

        return new HostKeyRejectedException(
            host.Name,
            $"host key for {where} is not known ({presented.KeyType} {presented.Fingerprint}); add it to {addTo} "
                + "after checking the fingerprint, or use the accept-new host key policy",
            null,
            presented.Fingerprint
        );
    }

    /// <summary>
    /// Like <see cref="KnownHosts.Load"/>, from the cache while a file's size and time are unchanged.
    /// </summary>
    private KnownHosts Load(IReadOnlyList<string> files)
    {
        var parsed = new List<KnownHosts>();
        foreach (var file in files.Distinct(StringComparer.Ordinal))
        {
            var info = new FileInfo(file);
            if (!info.Exists)
                continue;
            if (
                !_files.TryGetValue(file, out var cached)
                || cached.Written != info.LastWriteTimeUtc
                || cached.Length != info.Length
            )
            {
                cached = (info.LastWriteTimeUtc, info.Length, KnownHosts.Parse(File.ReadAllText(file), file));
                _files[file] = cached;
            }

            parsed.Add(cached.Parsed);
        }

        // One file (the usual case) is used as cached, with its index; several are joined for this check.
        return parsed.Count == 1 ? parsed[0] : KnownHosts.Of(parsed);
    }

    private static List<string> NamesOf(HostEndpoint host) =>
        new[] { KnownHosts.NameFor(host.Name, host.Port), KnownHosts.NameFor(host.Address, host.Port) }
            .Distinct(StringComparer.Ordinal)
            .ToList();

    private static bool IsCaOf(KnownHostEntry entry, Certificate? certificate) =>
        certificate is not null && entry.Fingerprint == "SHA256:" + certificate.CertificateAuthorityKeyFingerPrint;

    private static bool TrustedCertificate(
        KnownHosts known,
        IReadOnlyCollection<string> names,
        HostEndpoint host,
        Certificate certificate
    )
    {
        if (certificate.Type != Certificate.CertificateType.Host)
            return false;
        var now = DateTimeOffset.UtcNow;
        if (now < certificate.ValidAfter || now >= certificate.ValidBefore)
            return false;
        var principals = certificate.ValidPrincipals;
        if (principals.Count > 0 && !principals.Contains(host.Name) && !principals.Contains(host.Address))
            return false;
        return known.Matching(names, KnownHostMarker.CertAuthority).Any(e => IsCaOf(e, certificate));
    }

    private void Record(string path, IEnumerable<string> names, PresentedHostKey presented)
    {
        lock (_writeLock)
        {
            var dir = Path.GetDirectoryName(Path.GetFullPath(path));
            if (dir is not null)
                Directory.CreateDirectory(dir);
            File.AppendAllText(path, KnownHosts.FormatLine(names, presented.KeyType, presented.Key) + "\n");
        }
    }
}
