namespace Runbook.Lab;

/// <summary>
/// A lab certificate authority made with openssl, and one certificate per host signed by it (in the host's home,
/// under pki/), so runbooks that inspect or rotate certificates have real ones to work on.
/// </summary>
internal static class LabPki
{
    public const string Directory = "pki";
    public const int HostCertificateDays = 365;

    public static string PkiOf(LabHost host) => Path.Combine(host.Home, Directory);

    public static async Task CreateAsync(
        LabLayout layout,
        IReadOnlyList<LabHost> hosts,
        CancellationToken cancellationToken
    )
    {
        var ca = Path.Combine(layout.Hosts, "ca");
        System.IO.Directory.CreateDirectory(ca);
        var caKey = Path.Combine(ca, "ca.key");
        var caCert = Path.Combine(ca, "ca.crt");
        await Openssl.RunAsync(
                [
                    "req",
                    "-x509",
                    .. Openssl.NewEcKey,
                    "-keyout",
                    caKey,
                    "-out",
                    caCert,
                    "-days",
                    "3650",
                    "-subj",
                    "/CN=runbook-lab-ca",
                ],
                cancellationToken
            )
            .ConfigureAwait(false);
        // Hosts are signed concurrently (a bounded number at once: 1,000 hosts one after the other took minutes), so
        // each certificate gets a random serial instead of openssl's shared, read-then-rewritten ca.srl.
        await Parallel
            .ForEachAsync(
                hosts,
                new ParallelOptions
                {
                    MaxDegreeOfParallelism = LabFleet.StartConcurrency,
                    CancellationToken = cancellationToken,
                },
                async (host, token) => await SignAsync(host, caKey, caCert, token).ConfigureAwait(false)
            )
            .ConfigureAwait(false);
    }

    private static async Task SignAsync(LabHost host, string caKey, string caCert, CancellationToken cancellationToken)
    {
        var pki = PkiOf(host);
        System.IO.Directory.CreateDirectory(pki);
        var key = Path.Combine(pki, "host.key");
        var csr = Path.Combine(pki, "host.csr");
        var ext = Path.Combine(pki, "host.ext");
        File.WriteAllText(
            ext,
            $"subjectAltName=DNS:{host.Name},IP:{host.Address}\nextendedKeyUsage=serverAuth,clientAuth\n"
        );
        await Openssl.RunAsync(
                [
                    "req",
                    .. Openssl.NewEcKey,
                    "-keyout",
                    key,
                    "-out",
                    csr,
                    "-subj",
                    $"/CN={host.Name}",
                ],
                cancellationToken
            )
            .ConfigureAwait(false);
        await Openssl.RunAsync(
                [
                    "x509",
                    "-req",
                    "-in",
                    csr,
                    "-CA",
                    caCert,
                    "-CAkey",
                    caKey,
                    "-set_serial",
                    "0x" + Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16)),
                    "-out",
                    Path.Combine(pki, "host.crt"),
                    "-days",
                    HostCertificateDays.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    "-extfile",
                    ext,
                ],
                cancellationToken
            )
            .ConfigureAwait(false);
        File.Copy(caCert, Path.Combine(pki, "ca.crt"), overwrite: true);
        File.Delete(csr);
        File.Delete(ext);
    }
}
