using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;

namespace Runbook.Tests.Support;

/// <summary>The certificate a TLS server really serves, and whether it chains to a given CA alone.</summary>
public static class ServedCertificate
{
    public static async Task<X509Certificate2> FetchAsync(string address, int port)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(address, port);
        X509Certificate2? served = null;
        await using var tls = new SslStream(
            tcp.GetStream(),
            false,
            (_, cert, _, _) =>
            {
                // Accepted here only to be inspected: the test checks the chain itself with ChainsTo.
                served = cert is null ? null : new X509Certificate2(cert);
                return served is not null;
            }
        );
        try
        {
            await tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions { TargetHost = address });
        }
        catch (Exception ex) when (ex is System.Security.Authentication.AuthenticationException or IOException)
        {
            // The member wants a client certificate and this probe offers none: the server's certificate came first.
        }

        return served ?? throw new InvalidOperationException($"{address}:{port} served no certificate");
    }

    public static bool ChainsTo(X509Certificate2 certificate, string caFile)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.CustomTrustStore.Add(X509Certificate2.CreateFromPem(File.ReadAllText(caFile)));
        return chain.Build(certificate);
    }
}
