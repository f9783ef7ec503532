using System.Net.Http.Json;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;

namespace Runbook.Tests.Support;

/// <summary>
/// An etcd v3 client over mutual TLS (etcd's JSON gateway, <c>/v3/kv/put</c> and <c>/v3/kv/range</c>) holding one client
/// certificate and trusting exactly the given CAs (each file may hold several). A new TLS connection per request, so
/// every request does a real handshake.
/// </summary>
public sealed class EtcdKv : IDisposable
{
    private readonly HttpClient _http;
    private readonly X509Certificate2 _client;

    public EtcdKv((string Cert, string Key) client, params string[] trustedCas)
    {
        _client = X509Certificate2.CreateFromPemFile(client.Cert, client.Key);
        var policy = new X509ChainPolicy
        {
            TrustMode = X509ChainTrustMode.CustomRootTrust,
            RevocationMode = X509RevocationMode.NoCheck,
        };
        foreach (var ca in trustedCas)
        {
            // A file may be a bundle of several CAs (a trust bundle during a rotation): every one of them counts.
            var bundle = new X509Certificate2Collection();
            bundle.ImportFromPemFile(ca);
            policy.CustomTrustStore.AddRange(bundle);
        }
        var handler = new SocketsHttpHandler
        {
            PooledConnectionLifetime = TimeSpan.Zero,
            SslOptions = new SslClientAuthenticationOptions
            {
                ClientCertificates = [_client],
                CertificateChainPolicy = policy,
            },
        };
        _http = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(2) };
    }

    /// <summary>Writes the key; null when etcd acknowledged it, else the error (the TLS alert is in it).</summary>
    public async Task<string?> PutAsync(string endpoint, string key, string value)
    {
        try
        {
            using var response = await _http.PostAsJsonAsync(
                new Uri(endpoint + "/v3/kv/put"),
                new { key = B64(key), value = B64(value) }
            );
            var body = await response.Content.ReadAsStringAsync();
            return response.IsSuccessStatusCode && body.Contains("\"revision\"", StringComparison.Ordinal)
                ? null
                : $"{(int)response.StatusCode} {body}";
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            return Runbook.Lab.ClusterProbe.Describe(ex);
        }
    }

    /// <summary>The key's value (null when absent); throws when the request fails.</summary>
    public async Task<string?> GetAsync(string endpoint, string key)
    {
        using var response = await _http.PostAsJsonAsync(new Uri(endpoint + "/v3/kv/range"), new { key = B64(key) });
        response.EnsureSuccessStatusCode();
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        if (!json.RootElement.TryGetProperty("kvs", out var kvs) || kvs.GetArrayLength() == 0)
            return null;
        return Encoding.UTF8.GetString(Convert.FromBase64String(kvs[0].GetProperty("value").GetString()!));
    }

    private static string B64(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text));

    public void Dispose()
    {
        _http.Dispose();
        _client.Dispose();
    }
}
