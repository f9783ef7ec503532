using System.Net.Sockets;
using Runbook.Tests.Support;
using Runbook.Transport;
using Runbook.Transport.Agent;
using Runbook.Transport.SshConfig;

namespace Runbook.Tests.Transport;

/// <summary>
/// Keys held by a real ssh-agent (started per test, keys added with ssh-add) against a real sshd
/// (<see cref="AgentSshdFixture"/>): every key type logs in through the agent alone, RSA with rsa-sha2-512 or
/// rsa-sha2-256, keys are tried in OpenSSH's order relative to identity files, and an agent that does not answer is
/// an error naming SSH_AUTH_SOCK before anything runs.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class SshAgentTests(AgentSshdFixture sshd) : IClassFixture<AgentSshdFixture>, IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("runbook-agent-test-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Theory]
    [InlineData("id_ed25519", "ED25519")]
    [InlineData("id_ecdsa", "ECDSA")]
    [InlineData("id_rsa", "RSA")]
    public async Task A_key_that_exists_only_in_the_agent_logs_in(string key, string type)
    {
        var copy = CopyKey(key);
        await using var agent = await sshd.StartAgentAsync(copy);
        var fingerprint = await AgentSshdFixture.FingerprintAsync(Path.Combine(_dir, copy));
        File.Delete(Path.Combine(_dir, copy));
        File.Delete(Path.Combine(_dir, copy + ".pub"));
        await using var transport = new SshTransport(sshd.Options(agent));

        await using var connection = await transport.ConnectAsync(sshd.Host(), CancellationToken.None);
        var result = await connection.ExecuteAsync(RemoteCommand.Plain("echo in"), null, CancellationToken.None);

        Assert.Equal("in\n", result.Stdout);
        Assert.Contains($": {type} {fingerprint}", AcceptedLines(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false, "rsa-sha2-512")]
    [InlineData(true, "rsa-sha2-256")]
    public async Task The_agent_signs_RSA_with_SHA_512_or_with_SHA_256_where_the_server_takes_only_that(
        bool sha256Only,
        string algorithm
    )
    {
        await using var agent = await sshd.StartAgentAsync(CopyKey("id_rsa"));
        await using var transport = new SshTransport(sshd.Options(agent));
        var before = sshd.Log.Length;

        var host = sshd.Host(port: sha256Only ? sshd.Sha256Port : sshd.Port);
        await using var connection = await transport.ConnectAsync(host, CancellationToken.None);

        Assert.Equal("in\n", await EchoAsync(connection));
        var log = sshd.Log[before..];
        Assert.Matches($@"attempting public key {algorithm} ", log);
        Assert.Contains("Accepted publickey", log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_identity_file_held_by_the_agent_is_tried_first_and_signed_by_the_agent()
    {
        // The agent lists id_second first, but the host's identity file is id_ed25519: ssh tries the file's key first.
        var second = CopyKey("id_second");
        var file = CopyKey("id_ed25519");
        await using var agent = await sshd.StartAgentAsync(second, file);
        await using var transport = new SshTransport(sshd.Options(agent));
        var before = sshd.Log.Length;

        await using var connection = await transport.ConnectAsync(sshd.Host(Path.Combine(_dir, file)), default);

        var fingerprint = await AgentSshdFixture.FingerprintAsync(sshd.Key("id_ed25519"));
        Assert.Contains(fingerprint, Accepted(sshd.Log[before..]), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_agents_other_keys_come_before_identity_files_it_does_not_hold()
    {
        await using var agent = await sshd.StartAgentAsync(CopyKey("id_second"));
        await using var transport = new SshTransport(sshd.Options(agent));
        var before = sshd.Log.Length;

        await using var connection = await transport.ConnectAsync(sshd.Host(sshd.Key("id_ecdsa")), default);

        var fingerprint = await AgentSshdFixture.FingerprintAsync(sshd.Key("id_second"));
        Assert.Contains(fingerprint, Accepted(sshd.Log[before..]), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_encrypted_key_the_agent_holds_needs_no_passphrase()
    {
        var encrypted = CopyKey("id_encrypted");
        await using var agent = await sshd.StartAgentAsync(encrypted);
        await using var transport = new SshTransport(sshd.Options(agent));

        await using var connection = await transport.ConnectAsync(sshd.Host(Path.Combine(_dir, encrypted)), default);

        Assert.Equal("in\n", await EchoAsync(connection));
    }

    [Fact]
    public async Task IdentitiesOnly_keeps_the_agents_other_keys_out()
    {
        await using var agent = await sshd.StartAgentAsync(CopyKey("id_ed25519"));
        var config = Path.Combine(_dir, "config");
        File.WriteAllText(config, $"Host agent-host\n  IdentitiesOnly yes\n  IdentityFile {sshd.Key("id_stranger")}\n");
        var options = sshd.Options(agent) with { SshConfig = SshConfigSource.File(config) };
        await using var transport = new SshTransport(options);

        var error = await Assert.ThrowsAsync<HostUnreachableException>(() =>
            transport.ConnectAsync(sshd.Host(), default)
        );

        Assert.Equal(
            $"authentication failed for user {Environment.UserName} with key {sshd.Key("id_stranger")}",
            error.Reason
        );
    }

    [Fact]
    public async Task A_missing_agent_socket_is_an_error_before_the_run_naming_SSH_AUTH_SOCK()
    {
        var socket = Path.Combine(_dir, "gone.sock");
        var options = sshd.Options(null, new Dictionary<string, string> { ["SSH_AUTH_SOCK"] = socket });
        await using var transport = new SshTransport(options, [sshd.Host()]);

        var error = Assert.Throws<SshAgentException>(transport.Prepare);

        Assert.Equal(
            $"cannot use the ssh-agent at {socket} (SSH_AUTH_SOCK): the socket does not exist; start the "
                + "agent and add keys with ssh-add, or unset SSH_AUTH_SOCK to use key files only",
            error.Message
        );
    }

    [Fact]
    public async Task An_agent_socket_that_never_answers_is_an_error_within_the_agent_time_limit()
    {
        var socket = Path.Combine(_dir, "silent.sock");
        using var silent = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        silent.Bind(new UnixDomainSocketEndPoint(socket));
        silent.Listen();
        var options = sshd.Options(null, new Dictionary<string, string> { ["SSH_AUTH_SOCK"] = socket }) with
        {
            AgentTimeout = TimeSpan.FromSeconds(1),
        };
        await using var transport = new SshTransport(options, [sshd.Host()]);

        var started = System.Diagnostics.Stopwatch.StartNew();
        var error = Assert.Throws<SshAgentException>(transport.Prepare);

        Assert.Contains(
            $"at {socket} (SSH_AUTH_SOCK): it did not answer within 1 s",
            error.Message,
            StringComparison.Ordinal
        );
        Assert.True(started.Elapsed < TimeSpan.FromSeconds(10), $"took {started.Elapsed}");
    }

    [Fact]
    public async Task The_CLI_exits_2_without_a_stack_trace_and_runs_nothing_when_the_agent_does_not_answer()
    {
        var runbook = Path.Combine(_dir, "runbook.yaml");
        File.WriteAllText(
            runbook,
            """
            runbook: agent
            phases:
              - name: p
                hosts: all
                steps:
                  - { name: mark, run: "touch /tmp/runbook-agent-should-not-run" }
            """
        );
        var inventory = Path.Combine(_dir, "inventory.yaml");
        File.WriteAllText(
            inventory,
            $"hosts:\n  agent-host: {{ address: {AgentSshdFixture.Address}, port: {sshd.Port} }}\n"
        );
        var state = Path.Combine(_dir, "state");

        var result = await CliRunner.RunAsync(
            ["run", runbook, "-i", inventory, "--no-live"],
            new Dictionary<string, string>
            {
                ["SSH_AUTH_SOCK"] = Path.Combine(_dir, "none.sock"),
                ["RUNBOOK_STATE_DIR"] = state,
            }
        );

        Assert.Equal(2, result.ExitCode);
        var socket = Path.Combine(_dir, "none.sock");
        Assert.StartsWith(
            $"error: cannot use the ssh-agent at {socket} (SSH_AUTH_SOCK): the socket does not exist",
            result.Stderr,
            StringComparison.Ordinal
        );
        Assert.DoesNotContain("   at ", result.Stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(state, "runs")), "a run was started");
    }

    [Fact]
    public async Task A_host_listed_by_its_ssh_config_alias_only_is_reached_through_a_ProxyJump_chain()
    {
        await using var agent = await sshd.StartAgentAsync(CopyKey("id_ecdsa"));
        var config = Path.Combine(_dir, "config");
        File.WriteAllText(
            config,
            $"""
            Host web
              HostName {AgentSshdFixture.Address}
              ProxyJump hop-1,hop-2
            Host hop-*
              HostName {AgentSshdFixture.Address}
            Host *
              Port {sshd.Port}
              User {Environment.UserName}
            """
        );
        var web = new HostEndpoint("web", "web", 22, null, null, null, null)
        {
            AddressGiven = false,
            PortGiven = false,
        };
        var options = sshd.Options(agent) with { SshConfig = SshConfigSource.File(config) };
        await using var transport = new SshTransport(options);
        var before = sshd.Log.Length;

        await using var connection = await transport.ConnectAsync(web, CancellationToken.None);

        Assert.Equal("in\n", await EchoAsync(connection));
        // hop-1 directly, hop-2 through hop-1, web through hop-2: three logins, the last two from forwarded channels.
        Assert.Equal(3, Accepted(sshd.Log[before..]).Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
    }

    private static async Task<string> EchoAsync(IHostConnection connection) =>
        (await connection.ExecuteAsync(RemoteCommand.Plain("echo in"), null, CancellationToken.None)).Stdout;

    /// <summary>A copy of a fixture key (and its .pub) in this test's directory, so the test may delete it.</summary>
    private string CopyKey(string key)
    {
        var name = key + "-" + Guid.NewGuid().ToString("N")[..8];
        File.Copy(sshd.Key(key), Path.Combine(_dir, name));
        File.Copy(sshd.Key(key) + ".pub", Path.Combine(_dir, name + ".pub"));
        File.SetUnixFileMode(Path.Combine(_dir, name), UnixFileMode.UserRead | UnixFileMode.UserWrite);
        return Path.Combine(_dir, name);
    }

    private string AcceptedLines() => Accepted(sshd.Log);

    private static string Accepted(string log) =>
        string.Join(
            '\n',
            log.Split('\n')
                .Where(l => l.Contains("Accepted publickey for " + Environment.UserName, StringComparison.Ordinal))
        );
}
