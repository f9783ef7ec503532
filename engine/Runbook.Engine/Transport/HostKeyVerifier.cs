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
        var known = KnownHosts.Load(knownHostsFiles);
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
