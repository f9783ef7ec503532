using Microsoft.Extensions.DependencyInjection;
using Runbook.Model;
using Runbook.Tests.Support;
using Runbook.Transport;

namespace Runbook.Tests.Transport;

[Collection(LabCollection.Name)]
public sealed class BecomeAndWiringTests(LabFixture lab)
{
    [Fact]
    public async Task Become_runs_the_command_under_sudo()
    {
        await using var connection = await lab.Transport.ConnectAsync(lab.Host("worker-1"), CancellationToken.None);
        var command = new RemoteCommand(
            "echo \"$(id -u) $SUDO_COMMAND $GREETING\"",
            true,
            null,
            [new("GREETING", "hi")]
        );

        var result = await connection.ExecuteAsync(command, null, CancellationToken.None);

        Assert.Equal(0, result.ExitCode);
        Assert.StartsWith("0 /usr/bin/sh -c ", result.Stdout, StringComparison.Ordinal);
        Assert.EndsWith(" hi\n", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Become_with_a_password_feeds_it_to_sudo_and_never_shows_it()
    {
        await using var transport = new SshTransport(
            lab.TransportOptions(name => name == "RUNBOOK_BECOME_PASSWORD" ? "s3cret-pw" : null)
        );
        await using var connection = await transport.ConnectAsync(lab.Host("worker-1"), CancellationToken.None);

        var result = await connection.ExecuteAsync(
            new RemoteCommand("id -u; cat", true, TimeSpan.FromSeconds(10), []),
            null,
            CancellationToken.None
        );

        Assert.Equal("0\n", result.Stdout);
        Assert.Equal(string.Empty, result.Stderr);
        Assert.False(result.TimedOut);
    }

    /// <summary>
    /// The lab logs in as root, so sudo asks for no password and leaves the one it was given on stdin, as it does
    /// with NOPASSWD or cached credentials. The env that follows it must still arrive, and the password must never be
    /// run: before, the script evaluated it as the env ("sh: 1: eval: PASSWORD: not found", and any shell in it ran).
    /// </summary>
    [Fact]
    public async Task Become_with_a_password_sudo_does_not_ask_for_drops_it_and_still_gets_the_env()
    {
        var host = lab.Host("worker-1") with { BecomePassword = new SecretText("pw-$(echo RAN-IT >&2)") };
        await using var connection = await lab.Transport.ConnectAsync(host, CancellationToken.None);

        var command = new RemoteCommand("echo \"$(id -u) [$GREETING]\"", true, null, [new("GREETING", "it's me")]);
        var result = await connection.ExecuteAsync(command, null, CancellationToken.None);

        Assert.Equal("0 [it's me]\n", result.Stdout);
        Assert.Equal(string.Empty, result.Stderr);
        Assert.Equal(0, result.ExitCode);
    }

    [Fact]
    public async Task Become_with_the_inventory_password_of_the_host_feeds_it_to_sudo_and_never_shows_it()
    {
        var host = lab.Host("worker-1") with { BecomePassword = new SecretText("inventory-pw") };
        await using var connection = await lab.Transport.ConnectAsync(host, CancellationToken.None);

        var command = new RemoteCommand("id -u; cat", true, TimeSpan.FromSeconds(10), []);
        var result = await connection.ExecuteAsync(command, null, CancellationToken.None);

        Assert.Equal("0\n", result.Stdout);
        Assert.Equal(string.Empty, result.Stderr);
        Assert.False(result.TimedOut);
    }

    [Fact]
    public async Task AddSshTransport_registers_the_transport()
    {
        var services = new ServiceCollection().AddSshTransport(lab.TransportOptions());
        await using var provider = services.BuildServiceProvider();

        var transport = provider.GetRequiredService<ITransport>();
        await using var connection = await transport.ConnectAsync(lab.Host("etcd-1"), CancellationToken.None);

        Assert.IsType<SshTransport>(transport);
        Assert.Equal("etcd-1\n", (await connection.RunAsync("echo $RUNBOOK_LAB_HOST")).Stdout);
    }
}
