using Runbook.Lab;
using Runbook.Tests.Support;
using Runbook.Transport;

namespace Runbook.Tests.Transport;

/// <summary>Host keys against real sshds: known_hosts files written per test, the lab's real host keys.</summary>
[Collection(LabCollection.Name)]
public sealed class HostKeyTests(LabFixture lab) : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("runbook-hostkeys-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    /// <summary>The lab's real key line for a host: (key type, base64 key).</summary>
    private (string Type, string Key) KeyOf(string host)
    {
        var fields = File.ReadAllText(Path.Combine(lab.Directory, "lab", "hosts", host, "ssh_host_ed25519_key.pub"))
            .Split(' ');
        return (fields[0], fields[1]);
    }

    private string Fingerprint(string host) => HostKeyFingerprint.Sha256(Convert.FromBase64String(KeyOf(host).Key));

    private string Name(string host) => KnownHosts.NameFor(host, lab.Host(host).Port);

    /// <summary>A lab host whose inventory names no known_hosts: only the files a test writes decide.</summary>
    private HostEndpoint Host(string name) => lab.Host(name, knownHostsFile: null);

    private SshTransport Transport(HostKeyPolicy policy, params string[] knownHostsLines)
    {
        var file = Path.Combine(_dir, "known_hosts");
        File.WriteAllText(file, string.Join("\n", knownHostsLines) + "\n");
        return new SshTransport(
            lab.TransportOptions() with
            {
                UserKnownHostsFile = Path.Combine(_dir, "user_known_hosts"),
                ExtraKnownHostsFiles = [file],
                HostKeyPolicy = policy,
            }
        );
    }

    private static async Task<string> EchoAsync(SshTransport transport, HostEndpoint host)
    {
        await using var connection = await transport.ConnectAsync(host, CancellationToken.None);
        return (await connection.RunAsync("echo $RUNBOOK_LAB_HOST")).Stdout.Trim();
    }

    [Fact]
    public async Task An_unknown_host_key_is_refused_under_strict()
    {
        await using var transport = Transport(HostKeyPolicy.Strict);

        var error = await Assert.ThrowsAsync<HostKeyRejectedException>(() =>
            transport.ConnectAsync(Host("etcd-1"), CancellationToken.None)
        );

        Assert.Null(error.ExpectedFingerprint);
        Assert.Equal(Fingerprint("etcd-1"), error.ActualFingerprint);
        Assert.StartsWith(
            $"host key for etcd-1 ({lab.Host("etcd-1").Address}:{lab.Host("etcd-1").Port}) is not known "
                + $"(ssh-ed25519 {Fingerprint("etcd-1")})",
            error.Reason,
            StringComparison.Ordinal
        );
    }

    [Fact]
    public async Task A_changed_host_key_is_refused_naming_the_host_and_both_fingerprints()
    {
        var (type, otherKey) = KeyOf("worker-1");
        await using var transport = Transport(HostKeyPolicy.Strict, $"{Name("etcd-1")} {type} {otherKey}");
        var host = Host("etcd-1");

        var error = await Assert.ThrowsAsync<HostKeyRejectedException>(() =>
            transport.ConnectAsync(host, CancellationToken.None)
        );

        Assert.Equal("etcd-1", error.Host);
        Assert.Equal(Fingerprint("worker-1"), error.ExpectedFingerprint);
        Assert.Equal(Fingerprint("etcd-1"), error.ActualFingerprint);
        Assert.Equal(
            $"host key for etcd-1 ({host.Address}:{host.Port}) has changed: known_hosts has "
                + $"{Fingerprint("worker-1")} ({_dir}/known_hosts:1), "
                + $"the host presented {Fingerprint("etcd-1")}; if the host was reinstalled, remove the old key "
                + $"with ssh-keygen -R '{Name("etcd-1")}' -f {_dir}/known_hosts",
            error.Reason
        );
        Assert.Matches("^SHA256:[A-Za-z0-9+/]{43}$", error.ActualFingerprint);
    }

    [Fact]
    public async Task Accept_new_records_a_new_key_and_then_refuses_a_changed_one()
    {
        await using (var transport = Transport(HostKeyPolicy.AcceptNew))
        {
            Assert.Equal("worker-1", await EchoAsync(transport, Host("worker-1")));
        }

        var recorded = File.ReadAllText(Path.Combine(_dir, "user_known_hosts"));
        var (type, key) = KeyOf("worker-1");
        Assert.Equal(
            $"{Name("worker-1")},{KnownHosts.NameFor(lab.Host("worker-1").Address, lab.Host("worker-1").Port)} "
                + $"{type} {key}\n",
            recorded
        );

        // The host "is reinstalled": same name, another key (etcd-1's sshd answers as worker-1).
        var impostor = Host("worker-1") with
        {
            Address = Host("etcd-1").Address,
        };
        File.WriteAllText(Path.Combine(_dir, "user_known_hosts"), $"{Name("worker-1")} {type} {key}\n");
        await using var again = Transport(HostKeyPolicy.AcceptNew);
        var error = await Assert.ThrowsAsync<HostKeyRejectedException>(() =>
            again.ConnectAsync(impostor, CancellationToken.None)
        );
        Assert.Contains("has changed", error.Reason, StringComparison.Ordinal);
        Assert.Equal($"{Name("worker-1")} {type} {key}\n", File.ReadAllText(Path.Combine(_dir, "user_known_hosts")));
    }

    [Fact]
    public async Task Hashed_entries_match()
    {
        var (type, key) = KeyOf("etcd-1");
        var file = Path.Combine(_dir, "hashed");
        File.WriteAllText(file, $"{Name("etcd-1")} {type} {key}\n");
        var (exit, output) = await LabProcessesRun("ssh-keygen", "-H", "-f", file);
        Assert.True(exit == 0, output);
        var hashed = File.ReadAllText(file);
        Assert.StartsWith("|1|", hashed, StringComparison.Ordinal);

        await using var transport = Transport(HostKeyPolicy.Strict, hashed.Trim());

        Assert.Equal("etcd-1", await EchoAsync(transport, Host("etcd-1")));
    }

    [Fact]
    public async Task Bracketed_host_port_entries_match_and_other_ports_do_not()
    {
        var (type, key) = KeyOf("etcd-1");
        await using var wrongPort = Transport(HostKeyPolicy.Strict, $"[etcd-1]:2 {type} {key}", $"etcd-1 {type} {key}");
        await Assert.ThrowsAsync<HostKeyRejectedException>(() =>
            wrongPort.ConnectAsync(Host("etcd-1"), CancellationToken.None)
        );

        await using var transport = Transport(HostKeyPolicy.Strict, $"other,{Name("etcd-1")} {type} {key}");
        Assert.Equal("etcd-1", await EchoAsync(transport, Host("etcd-1")));
    }

    [Fact]
    public async Task A_revoked_key_is_refused_even_when_listed()
    {
        var (type, key) = KeyOf("etcd-1");
        await using var transport = Transport(
            HostKeyPolicy.Strict,
            $"{Name("etcd-1")} {type} {key}",
            $"@revoked * {type} {key}"
        );

        var error = await Assert.ThrowsAsync<HostKeyRejectedException>(() =>
            transport.ConnectAsync(Host("etcd-1"), CancellationToken.None)
        );

        Assert.Contains("is revoked", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Off_trusts_any_key()
    {
        await using var transport = Transport(HostKeyPolicy.Off);

        Assert.Equal("etcd-1", await EchoAsync(transport, Host("etcd-1")));
    }

    private static Task<(int Exit, string Output)> LabProcessesRun(string file, params string[] args) =>
        LabProcesses.RunAsync(file, args, CancellationToken.None);
}
