using System.Globalization;
using Runbook.Lab;
using Runbook.Tests.Support;
using Runbook.Transport;

namespace Runbook.Tests.Transport;

/// <summary>
/// Host certificates: a second sshd for etcd-1's home, on its own loopback address, presenting etcd-1's host key
/// certified by a test CA. SSH.NET checks the certificate's signature and validity; known_hosts decides whether the CA
/// is trusted for the host.
/// </summary>
[Collection(LabCollection.Name)]
public sealed class CertificateAuthorityTests(LabFixture lab) : IAsyncLifetime
{
    private readonly string _dir = Directory.CreateTempSubdirectory("runbook-ca-").FullName;
    private int _pid;

    private const string Address = "127.0.0.40";

    public async Task InitializeAsync()
    {
        var source = lab.State.Hosts.Single(h => h.Name == "etcd-1");
        var hostKey = Path.Combine(_dir, "host_key");
        File.Copy(Path.Combine(lab.Directory, "lab", "hosts", "etcd-1", "ssh_host_ed25519_key"), hostKey);
        File.Copy(Path.Combine(lab.Directory, "lab", "hosts", "etcd-1", "ssh_host_ed25519_key.pub"), hostKey + ".pub");
        await RunAsync("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", Path.Combine(_dir, "ca"));
        await RunAsync(
            "ssh-keygen",
            "-q",
            "-s",
            Path.Combine(_dir, "ca"),
            "-I",
            "etcd-1",
            "-h",
            "-n",
            "ca-host",
            "-V",
            "-5m:+1h",
            hostKey + ".pub"
        );

        var config = File.ReadAllLines(source.Config)
            .Select(l =>
                l.StartsWith("ListenAddress ", StringComparison.Ordinal) ? $"ListenAddress {Address}:{source.Port}" : l
            )
            .Select(l =>
                l.StartsWith("HostKey ", StringComparison.Ordinal)
                    ? $"HostKey {hostKey}\nHostCertificate {hostKey}-cert.pub"
                    : l
            )
            .Select(l => l.StartsWith("PidFile ", StringComparison.Ordinal) ? $"PidFile {_dir}/sshd.pid" : l);
        File.WriteAllLines(Path.Combine(_dir, "sshd_config"), config);
        await RunAsync("/usr/sbin/sshd", "-f", Path.Combine(_dir, "sshd_config"));
        // sshd daemonizes and writes its PID file after it listens; the file can exist before the PID is in it.
        var pidFile = Path.Combine(_dir, "sshd.pid");
        for (
            var i = 0;
            i < 600
                && !(
                    File.Exists(pidFile)
                    && int.TryParse(
                        File.ReadAllText(pidFile).Trim(),
                        NumberStyles.None,
                        CultureInfo.InvariantCulture,
                        out _pid
                    )
                );
            i++
        )
        {
            await Task.Delay(50);
        }

        Assert.True(_pid > 0, "the certificate sshd did not start: no PID in " + pidFile);
    }

    public async Task DisposeAsync()
    {
        if (_pid > 0)
            await LabProcesses.StopAsync(_pid, TimeSpan.FromSeconds(5));
        Directory.Delete(_dir, recursive: true);
    }

    private static async Task RunAsync(string file, params string[] args)
    {
        var (exit, output) = await LabProcesses.RunAsync(file, args, CancellationToken.None);
        Assert.True(exit == 0, $"{file} failed: {output}");
    }

    private string KnownHostsFile => Path.Combine(_dir, "known_hosts");

    /// <summary>A transport for hosts whose inventory's known_hosts is this one line (<see cref="Host"/>).</summary>
    private SshTransport Transport(string knownHostsLine)
    {
        File.WriteAllText(KnownHostsFile, knownHostsLine + "\n");
        return new SshTransport(lab.TransportOptions());
    }

    /// <summary>etcd-1 under another name, at the certificate sshd's address, with the test's known_hosts.</summary>
    private HostEndpoint Host(string name) =>
        lab.Host("etcd-1", KnownHostsFile) with
        {
            Name = name,
            Address = Address,
        };

    private string CaLine(string pattern) =>
        "@cert-authority " + pattern + " " + File.ReadAllText(Path.Combine(_dir, "ca.pub")).Trim();

    [Fact]
    public async Task A_host_certificate_signed_by_a_listed_CA_is_trusted()
    {
        await using var transport = Transport(CaLine("*"));
        var host = Host("ca-host");

        await using var connection = await transport.ConnectAsync(host, CancellationToken.None);

        Assert.Equal("etcd-1\n", (await connection.RunAsync("echo $RUNBOOK_LAB_HOST")).Stdout);
    }

    [Fact]
    public async Task A_host_certificate_is_refused_for_a_name_it_does_not_list_or_when_the_CA_is_not_trusted_for_the_host()
    {
        await using var transport = Transport(CaLine("*"));
        var otherName = Host("not-in-cert");
        await Assert.ThrowsAsync<HostKeyRejectedException>(() =>
            transport.ConnectAsync(otherName, CancellationToken.None)
        );

        await using var narrow = Transport(CaLine("*.elsewhere"));
        var host = Host("ca-host");
        await Assert.ThrowsAsync<HostKeyRejectedException>(() => narrow.ConnectAsync(host, CancellationToken.None));
    }

    [Fact]
    public async Task A_revoked_CA_is_refused()
    {
        await using var transport = Transport(
            CaLine("*") + "\n" + CaLine("*").Replace("@cert-authority", "@revoked", StringComparison.Ordinal)
        );
        var host = Host("ca-host");

        var error = await Assert.ThrowsAsync<HostKeyRejectedException>(() =>
            transport.ConnectAsync(host, CancellationToken.None)
        );

        Assert.Contains("is revoked", error.Reason, StringComparison.Ordinal);
    }
}
