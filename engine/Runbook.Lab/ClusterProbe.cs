using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;

namespace Runbook.Lab;

/// <summary>
/// Asks the lab cluster directly from this process (not over SSH): an etcd member's <c>/health</c> over mutual TLS with
/// the watcher's client certificate (a new TLS connection every time, so a handshake failure shows), and an API
/// stand-in's <c>/readyz</c>.
/// </summary>
public sealed class ClusterProbe : IDisposable
{
    private readonly HttpClient _etcd;
    private readonly HttpClient _api;
    private readonly X509Certificate2 _ca;
    private readonly X509Certificate2 _client;

    public ClusterProbe(ClusterState state, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(state);
        _ca = X509Certificate2.CreateFromPem(File.ReadAllText(state.CaFile));
        _client = X509Certificate2.CreateFromPemFile(state.CertFile, state.KeyFile);
        var policy = new X509ChainPolicy
        {
            TrustMode = X509ChainTrustMode.CustomRootTrust,
            RevocationMode = X509RevocationMode.NoCheck,
        };
        policy.CustomTrustStore.Add(_ca);
        var handler = new SocketsHttpHandler
        {
            PooledConnectionLifetime = TimeSpan.Zero,
            SslOptions = new SslClientAuthenticationOptions
            {
                ClientCertificates = [_client],
                CertificateChainPolicy = policy,
            },
        };
        _etcd = new HttpClient(handler) { Timeout = timeout ?? TimeSpan.FromSeconds(1) };
        _api = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.Zero })
        {
            Timeout = timeout ?? TimeSpan.FromSeconds(1),
        };
    }

    /// <summary>
    /// Whether the member is healthy, running but not healthy, or not running at all (nothing listens), and the error
    /// or reason when not healthy.
    /// </summary>
    public async Task<(MemberState State, string? Error)> EtcdHealthAsync(
        ClusterNode member,
        CancellationToken cancellationToken
    )
    {
        ArgumentNullException.ThrowIfNull(member);
        try
        {
            // etcd answers an unhealthy /health with 503 and {"health":"false"}: the body is the reason either way.
            using var response = await _etcd
                .GetAsync(new Uri(member.EtcdUrl + "/health"), cancellationToken)
                .ConfigureAwait(false);
            var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            using var json = JsonDocument.Parse(body);
            var healthy =
                response.IsSuccessStatusCode
                && json.RootElement.TryGetProperty("health", out var h)
                && h.GetString() == "true";
            return healthy
                ? (MemberState.Healthy, null)
                : (MemberState.Unhealthy, $"{(int)response.StatusCode} {body.Trim()}");
        }
        catch (HttpRequestException ex)
            when (ex.InnerException is SocketException { SocketErrorCode: SocketError.ConnectionRefused })
        {
            return (MemberState.Down, Describe(ex));
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or JsonException)
        {
            return (MemberState.Unhealthy, Describe(ex));
        }
    }

    /// <summary>The status code of GET /readyz (0 when it did not answer) and the body or error.</summary>
    public async Task<(int Status, string Body)> ReadyzAsync(ClusterNode api, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(api);
        try
        {
            using var response = await _api.GetAsync(new Uri(api.ApiUrl + "/readyz"), cancellationToken)
                .ConfigureAwait(false);
            return (
                (int)response.StatusCode,
                (await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false)).Trim()
            );
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            return (0, Describe(ex));
        }
    }

    /// <summary>The message and the messages of its inner exceptions: the TLS alert is usually the innermost one.</summary>
    public static string Describe(Exception exception)
    {
        var messages = new List<string>();
        for (var e = exception; e is not null; e = e.InnerException)
            messages.Add(e.Message);
        return string.Join(" -> ", messages);
    }

    public void Dispose()
    {
        _etcd.Dispose();
        _api.Dispose();
        _client.Dispose();
        _ca.Dispose();
    }
}
