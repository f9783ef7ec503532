using System.Diagnostics;
using System.Net;
using Runbook.Transport;

namespace Runbook.Tests.Support;

/// <summary>
/// One real sshd on 127.0.0.96 for the ssh-agent and ssh_config tests, on two ports: <see cref="Port"/> takes every
/// key type; <see cref="Sha256Port"/> takes RSA only as rsa-sha2-256 (a <c>Match LocalPort</c> block), so the agent
/// must sign with the SHA-256 flag there. Keys live in <see cref="Keys"/>, which the transport never sees: tests
/// load them into a real ssh-agent (<see cref="StartAgentAsync"/>) and may delete the files, so a key exists only
/// in the agent. Needs root (sshd, as the other authentication tests), openssh-client and openssh-server.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class AgentSshdFixture : IAsyncLifetime
{
    public const string Address = "127.0.0.96";
    public const string Passphrase = "agent test passphrase";

    public string Directory { get; } = System.IO.Directory.CreateTempSubdirectory("runbook-agent-").FullName;

    public int Port { get; private set; }

    public int Sha256Port { get; private set; }

    /// <summary>
    /// The private keys: id_ed25519, id_ecdsa, id_rsa, id_second, id_encrypted (authorized) and id_stranger (not).
    /// </summary>
    public string Keys => Path.Combine(Directory, "keys");

    /// <summary>An empty home directory for the transport, so that no default key is found.</summary>
    public string Home => Path.Combine(Directory, "home");

    public string KnownHosts => Path.Combine(Directory, "known_hosts");

    private Process? _sshd;

    public string Key(string name) => Path.Combine(Keys, name);

    /// <summary>This sshd as a compiled plan carries a host (what the transport connects to).</summary>
    public HostEndpoint Host(string? identityFile = null, int? port = null, string name = "agent-host") =>
        new(name, Address, port ?? Port, Environment.UserName, null, identityFile, null)
        {
            Span = new Diagnostics.SourceSpan("agent-sshd", 1, 1),
        };

    /// <summary>
    /// Strict host keys against this sshd; no key files unless given; SSH_AUTH_SOCK when an agent is given.
    /// </summary>
    public SshTransportOptions Options(Agent? agent, IReadOnlyDictionary<string, string>? environment = null) =>
        new()
        {
            UserKnownHostsFile = KnownHosts,
            HomeDirectory = Home,
            ConnectTimeout = TimeSpan.FromSeconds(10),
            AgentTimeout = TimeSpan.FromSeconds(2),
            Environment = name =>
                name == "SSH_AUTH_SOCK" && agent is not null ? agent.Socket
                : environment is not null && environment.TryGetValue(name, out var value) ? value
                : null,
        };

    /// <summary>The SHA256 fingerprint of a key, as sshd logs it ("ED25519 SHA256:…").</summary>
    public static async Task<string> FingerprintAsync(string key)
    {
        var output = await RunAsync("ssh-keygen", null, "-l", "-f", key + ".pub");
        return output.Split(' ')[1];
    }

    public string Log => File.ReadAllText(Path.Combine(Directory, "sshd.log"));

    /// <summary>
    /// A real ssh-agent on a socket of its own, holding <paramref name="keys"/> (added in that order).
    /// </summary>
    public async Task<Agent> StartAgentAsync(params string[] keys)
    {
        var dir = System.IO.Directory.CreateTempSubdirectory("runbook-agent-sock-").FullName;
        var socket = Path.Combine(dir, "agent.sock");
        var start = new ProcessStartInfo("ssh-agent", ["-D", "-a", socket])
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
        };
        var process = Process.Start(start)!;
        var agent = new Agent(socket, dir, process);
        // The socket file appears at bind(), before the agent listens: wait until a connect is accepted, or ssh-add
        // can meet "Connection refused" on a loaded machine.
        for (var i = 0; !Accepts(socket); i++)
        {
            if (process.HasExited || i == 400)
                throw new InvalidOperationException("ssh-agent did not start");
            await Task.Delay(25);
        }

        foreach (var key in keys)
        {
            var askpass = Path.Combine(dir, "askpass");
            await File.WriteAllTextAsync(askpass, $"#!/bin/sh\necho '{Passphrase}'\n");
            File.SetUnixFileMode(askpass, UnixFileMode.UserRead | UnixFileMode.UserExecute);
            var environment = new Dictionary<string, string>
            {
                ["SSH_AUTH_SOCK"] = socket,
                ["SSH_ASKPASS"] = askpass,
                ["SSH_ASKPASS_REQUIRE"] = "force",
                ["DISPLAY"] = ":0",
            };
            await RunAsync("ssh-add", environment, "-q", Key(key));
        }

        return agent;
    }

    public async Task InitializeAsync()
    {
        if (Environment.UserName != "root")
        {
            throw new InvalidOperationException("the agent tests run sshd: run them as root, as CI does");
        }

        System.IO.Directory.CreateDirectory(Keys);
        System.IO.Directory.CreateDirectory(Home);
        Port = LabFixture.FreePort(96, 1);
        do
        {
            Sha256Port = LabFixture.FreePort(96, 1);
        } while (Sha256Port == Port);

        await RunAsync("ssh-keygen", null, "-q", "-t", "ed25519", "-N", "", "-f", Path.Combine(Directory, "host_key"));
        await RunAsync("ssh-keygen", null, "-q", "-t", "ed25519", "-N", "", "-f", Key("id_ed25519"));
        await RunAsync("ssh-keygen", null, "-q", "-t", "ecdsa", "-b", "256", "-N", "", "-f", Key("id_ecdsa"));
        await RunAsync("ssh-keygen", null, "-q", "-t", "rsa", "-b", "3072", "-N", "", "-f", Key("id_rsa"));
        await RunAsync("ssh-keygen", null, "-q", "-t", "ed25519", "-N", "", "-f", Key("id_second"));
        await RunAsync("ssh-keygen", null, "-q", "-t", "ed25519", "-N", Passphrase, "-f", Key("id_encrypted"));
        await RunAsync("ssh-keygen", null, "-q", "-t", "ed25519", "-N", "", "-f", Key("id_stranger"));
        string[] authorized = ["id_ed25519", "id_ecdsa", "id_rsa", "id_second", "id_encrypted"];
        var publicKeys = authorized.Select(k => File.ReadAllText(Key(k) + ".pub").Trim());
        await File.WriteAllLinesAsync(Path.Combine(Directory, "authorized_keys"), publicKeys);
        var hostKey = File.ReadAllText(Path.Combine(Directory, "host_key.pub")).Trim();
        await File.WriteAllTextAsync(KnownHosts, $"[{Address}]:{Port} {hostKey}\n[{Address}]:{Sha256Port} {hostKey}\n");
        await File.WriteAllTextAsync(
            Path.Combine(Directory, "sshd_config"),
            string.Join(
                '\n',
                (string[])
                    [
                        $"ListenAddress {Address}:{Port}",
                        $"ListenAddress {Address}:{Sha256Port}",
                        $"HostKey {Path.Combine(Directory, "host_key")}",
                        $"PidFile {Path.Combine(Directory, "sshd.pid")}",
                        $"AuthorizedKeysFile {Path.Combine(Directory, "authorized_keys")}",
                        "PubkeyAuthentication yes",
                        "PasswordAuthentication no",
                        "KbdInteractiveAuthentication no",
                        "UsePAM no",
                        "StrictModes no",
                        "PermitRootLogin yes",
                        "AllowTcpForwarding yes",
                        "MaxAuthTries 20",
                        "LogLevel DEBUG2",
                        $"Match LocalPort {Sha256Port}",
                        "  PubkeyAcceptedAlgorithms ssh-ed25519,ecdsa-sha2-nistp256,rsa-sha2-256",
                        "",
                    ]
            )
        );

        string[] sshdArgs =
        [
            "-D",
            "-f",
            Path.Combine(Directory, "sshd_config"),
            "-E",
            Path.Combine(Directory, "sshd.log"),
        ];
        _sshd = Process.Start(new ProcessStartInfo("/usr/sbin/sshd", sshdArgs) { UseShellExecute = false })!;
        for (var i = 0; !await ListensAsync(Port) || !await ListensAsync(Sha256Port); i++)
        {
            if (_sshd.HasExited || i == 600)
            {
                var log = File.Exists(Path.Combine(Directory, "sshd.log")) ? Log : "no log";
                throw new InvalidOperationException("sshd did not start: " + log);
            }

            await Task.Delay(50);
        }
    }

    private static async Task<bool> ListensAsync(int port)
    {
        using var probe = new System.Net.Sockets.TcpClient();
        try
        {
            await probe.ConnectAsync(IPAddress.Parse(Address), port);
            return true;
        }
        catch (System.Net.Sockets.SocketException)
        {
            return false;
        }
    }

    public async Task DisposeAsync()
    {
        if (_sshd is { HasExited: false })
        {
            _sshd.Kill();
            await _sshd.WaitForExitAsync();
        }

        _sshd?.Dispose();
        System.IO.Directory.Delete(Directory, recursive: true);
    }

    internal static async Task<string> RunAsync(
        string file,
        IReadOnlyDictionary<string, string>? environment,
        params string[] args
    )
    {
        var start = new ProcessStartInfo(file, args)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
        };
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
            start.Environment[name] = value;
        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(1));
        if (process.ExitCode != 0)
        {
            var command = $"{file} {string.Join(' ', args)}";
            throw new InvalidOperationException($"{command} failed ({process.ExitCode}): {await stderr}");
        }

        return await stdout;
    }

    /// <summary>A running ssh-agent; disposing kills it (by its own process id) and removes its socket.</summary>
    public sealed class Agent(string socket, string directory, Process process) : IAsyncDisposable
    {
        public string Socket { get; } = socket;

        public async ValueTask DisposeAsync()
        {
            if (!process.HasExited)
            {
                process.Kill();
                await process.WaitForExitAsync();
            }

            process.Dispose();
            System.IO.Directory.Delete(directory, recursive: true);
        }
    }

    private static bool Accepts(string socket)
    {
        if (!File.Exists(socket))
            return false;
        using var probe = new System.Net.Sockets.Socket(
            System.Net.Sockets.AddressFamily.Unix,
            System.Net.Sockets.SocketType.Stream,
            System.Net.Sockets.ProtocolType.Unspecified
        );
        try
        {
            probe.Connect(new System.Net.Sockets.UnixDomainSocketEndPoint(socket));
            return true;
        }
        catch (System.Net.Sockets.SocketException)
        {
            return false;
        }
    }
}
