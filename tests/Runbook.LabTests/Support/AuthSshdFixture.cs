using System.Diagnostics;
using System.Net;
using System.Security.Cryptography;
using Runbook.Lab;
using Runbook.Transport;

namespace Runbook.Tests.Support;

/// <summary>
/// One real sshd on 127.0.0.97 for the authentication tests, configured like a fleet that takes every method the
/// transport offers: authorized RSA, ECDSA and passphrase-protected ed25519 keys, user certificates signed by a user
/// CA (<c>TrustedUserCAKeys</c>), and passwords (<c>PasswordAuthentication yes</c>, checked against /etc/shadow) for a
/// throwaway user with a random password, created for the collection and deleted after it, who may sudo with that
/// password (asked every time). Needs root, as CI has.
/// </summary>
public sealed class AuthSshdFixture : IAsyncLifetime
{
    public const string Address = "127.0.0.97";
    public const string Passphrase = "correct horse battery staple";

    public string Directory { get; } = System.IO.Directory.CreateTempSubdirectory("runbook-auth-").FullName;

    public int Port { get; private set; }

    /// <summary>The throwaway user that logs in with <see cref="Password"/>.</summary>
    public string PasswordUser { get; } = "rbpw" + RandomNumberGenerator.GetHexString(8, lowercase: true);

    public string Password { get; } = RandomNumberGenerator.GetHexString(24, lowercase: true);

    /// <summary>The sudoers drop-in that lets <see cref="PasswordUser"/> sudo with its password.</summary>
    private string Sudoers => "/etc/sudoers.d/runbook-test-" + PasswordUser;

    private Process? _sshd;

    public string Key(string name) => Path.Combine(Directory, name);

    /// <summary>This sshd as an inventory host logging in as <paramref name="user"/> (the test's user by default).</summary>
    public HostEndpoint Host(string? identityFile, string? user = null) =>
        new("auth", Address, Port, user ?? Environment.UserName, null, identityFile, null);

    /// <summary>Strict host keys against this sshd's key; no ~/.ssh; the given environment variables only.</summary>
    public SshTransport Transport(IReadOnlyDictionary<string, string>? environment = null) =>
        new(
            new SshTransportOptions
            {
                UserKnownHostsFile = Key("user_known_hosts"),
                ExtraKnownHostsFiles = [Key("known_hosts")],
                HomeDirectory = Directory,
                ConnectTimeout = TimeSpan.FromSeconds(10),
                Environment = name =>
                    environment is not null && environment.TryGetValue(name, out var value) ? value : null,
            }
        );

    public async Task InitializeAsync()
    {
        if (!LabProcesses.IsRoot())
            throw new InvalidOperationException(
                "the authentication tests run sshd for other users and create a throwaway user: run them as root, "
                    + "as CI does"
            );
        Port = LabFixture.FreePort(97, 1);
        await KeygenAsync("-q", "-t", "ed25519", "-N", "", "-f", Key("host_key"));
        await KeygenAsync("-q", "-t", "ed25519", "-N", "", "-C", "runbook test user CA", "-f", Key("user_ca"));
        await KeygenAsync("-q", "-t", "rsa", "-b", "3072", "-N", "", "-f", Key("id_rsa"));
        await KeygenAsync("-q", "-t", "ecdsa", "-b", "256", "-N", "", "-f", Key("id_ecdsa"));
        await KeygenAsync("-q", "-t", "ed25519", "-N", Passphrase, "-f", Key("id_encrypted"));
        await KeygenAsync("-q", "-t", "ed25519", "-N", "", "-f", Key("id_certified"));
        await KeygenAsync(
            "-q",
            "-s",
            Key("user_ca"),
            "-I",
            "runbook-test",
            "-n",
            Environment.UserName,
            "-V",
            "-5m:+1h",
            Key("id_certified.pub")
        );
        File.Copy(Key("id_certified"), Key("id_uncertified"));
        await File.WriteAllLinesAsync(
            Key("authorized_keys"),
            new[] { "id_rsa.pub", "id_ecdsa.pub", "id_encrypted.pub" }.Select(k => File.ReadAllText(Key(k)).Trim())
        );
        await File.WriteAllTextAsync(
            Key("known_hosts"),
            $"[{Address}]:{Port} {File.ReadAllText(Key("host_key.pub")).Trim()}\n"
        );
        await File.WriteAllTextAsync(
            Key("sshd_config"),
            string.Join(
                '\n',
                (string[])
                    [
                        $"ListenAddress {Address}:{Port}",
                        $"HostKey {Key("host_key")}",
                        $"PidFile {Key("sshd.pid")}",
                        $"AuthorizedKeysFile {Key("authorized_keys")}",
                        $"TrustedUserCAKeys {Key("user_ca.pub")}",
                        "PubkeyAuthentication yes",
                        "PasswordAuthentication yes",
                        "KbdInteractiveAuthentication no",
                        "UsePAM no",
                        "StrictModes no",
                        "PermitRootLogin yes",
                        "LogLevel VERBOSE",
                        $"SetEnv HOME={Directory}",
                        "",
                    ]
            )
        );
        await RunAsync("useradd", "--no-create-home", "--home-dir", Directory, "--shell", "/bin/sh", PasswordUser);
        await RunAsync("sh", "-c", $"echo '{PasswordUser}:{Password}' | chpasswd");
        // sudo to anyone, asking for the user's password every time (no cached credentials): a fleet without
        // NOPASSWD, where become needs ansible_become_password.
        await File.WriteAllTextAsync(
            Sudoers,
            $"{PasswordUser} ALL=(ALL:ALL) ALL\nDefaults:{PasswordUser} timestamp_timeout=0, !lecture\n"
        );
        await RunAsync("chmod", "0440", Sudoers);
        await RunAsync("visudo", "-c", "-q", "-f", Sudoers);

        _sshd = Process.Start(
            new ProcessStartInfo("/usr/sbin/sshd", ["-D", "-f", Key("sshd_config"), "-E", Key("sshd.log")])
            {
                UseShellExecute = false,
            }
        )!;
        // Connect, not bind, to see whether it listens: a probe that binds the port could take it from sshd.
        for (var i = 0; !await ListensAsync(); i++)
        {
            if (_sshd.HasExited || i == 600)
                throw new InvalidOperationException(
                    "sshd did not start: "
                        + (File.Exists(Key("sshd.log")) ? File.ReadAllText(Key("sshd.log")) : "no log")
                );
            await Task.Delay(50);
        }
    }

    private async Task<bool> ListensAsync()
    {
        using var probe = new System.Net.Sockets.TcpClient();
        try
        {
            await probe.ConnectAsync(IPAddress.Parse(Address), Port);
            return true;
        }
        catch (System.Net.Sockets.SocketException)
        {
            return false;
        }
    }

    /// <summary>What sshd logged (LogLevel VERBOSE names the accepted method and key type).</summary>
    public string Log => File.ReadAllText(Key("sshd.log"));

    public async Task DisposeAsync()
    {
        if (_sshd is { HasExited: false })
        {
            _sshd.Kill();
            await _sshd.WaitForExitAsync();
        }

        _sshd?.Dispose();
        File.Delete(Sudoers);
        await LabProcesses.RunAsync("userdel", [PasswordUser], CancellationToken.None);
        System.IO.Directory.Delete(Directory, recursive: true);
    }

    private static Task KeygenAsync(params string[] args) => RunAsync("ssh-keygen", args);

    private static async Task RunAsync(string file, params string[] args)
    {
        var (exit, output) = await LabProcesses.RunAsync(file, args, CancellationToken.None);
        if (exit != 0)
            throw new InvalidOperationException($"{file} {string.Join(' ', args)} failed ({exit}): {output}");
    }
}
