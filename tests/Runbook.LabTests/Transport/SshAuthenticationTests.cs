using Runbook.Tests.Support;
using Runbook.Transport;

namespace Runbook.Tests.Transport;

/// <summary>
/// Every authentication method the transport offers, against a real sshd that takes them (see
/// <see cref="AuthSshdFixture"/>): RSA and ECDSA keys, a passphrase-protected key, an OpenSSH user certificate and a
/// password; and the clear errors when a passphrase or certificate is missing or a password is wrong.
/// </summary>
public sealed class SshAuthenticationTests(AuthSshdFixture sshd) : IClassFixture<AuthSshdFixture>
{
    [Theory]
    [InlineData("id_rsa", "RSA")]
    [InlineData("id_ecdsa", "ECDSA")]
    public async Task An_authorized_key_of_each_type_logs_in(string key, string type)
    {
        await using var transport = sshd.Transport();
        await using var connection = await transport.ConnectAsync(sshd.Host(sshd.Key(key)), CancellationToken.None);

        var result = await connection.ExecuteAsync(RemoteCommand.Plain("echo in"), null, CancellationToken.None);

        Assert.Equal("in\n", result.Stdout);
        Assert.Contains(
            sshd.Log.Split('\n'),
            line =>
                line.Contains("Accepted publickey for " + Environment.UserName, StringComparison.Ordinal)
                && line.Contains($": {type} SHA256:", StringComparison.Ordinal)
        );
    }

    [Fact]
    public async Task A_passphrase_protected_key_logs_in_with_the_passphrase_from_RUNBOOK_SSH_PASSPHRASE()
    {
        await using var transport = sshd.Transport(
            new Dictionary<string, string> { ["RUNBOOK_SSH_PASSPHRASE"] = AuthSshdFixture.Passphrase }
        );
        await using var connection = await transport.ConnectAsync(
            sshd.Host(sshd.Key("id_encrypted")),
            CancellationToken.None
        );

        var result = await connection.ExecuteAsync(RemoteCommand.Plain("echo in"), null, CancellationToken.None);

        Assert.Equal("in\n", result.Stdout);
    }

    [Fact]
    public async Task A_passphrase_protected_key_without_RUNBOOK_SSH_PASSPHRASE_says_which_variable_to_set()
    {
        await using var transport = sshd.Transport();

        var error = await Assert.ThrowsAsync<HostUnreachableException>(() =>
            transport.ConnectAsync(sshd.Host(sshd.Key("id_encrypted")), CancellationToken.None)
        );

        Assert.Equal(
            $"cannot load the private key {sshd.Key("id_encrypted")}: it is encrypted and RUNBOOK_SSH_PASSPHRASE is "
                + "not set",
            error.Reason
        );
    }

    [Fact]
    public async Task A_wrong_passphrase_is_an_error_naming_the_key_and_never_the_passphrase()
    {
        await using var transport = sshd.Transport(
            new Dictionary<string, string> { ["RUNBOOK_SSH_PASSPHRASE"] = "not-the-passphrase" }
        );

        var error = await Assert.ThrowsAsync<HostUnreachableException>(() =>
            transport.ConnectAsync(sshd.Host(sshd.Key("id_encrypted")), CancellationToken.None)
        );

        Assert.StartsWith(
            $"cannot load the private key {sshd.Key("id_encrypted")}: ",
            error.Reason,
            StringComparison.Ordinal
        );
        Assert.DoesNotContain("not-the-passphrase", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_user_certificate_beside_the_key_logs_in_where_only_the_user_CA_is_trusted()
    {
        await using var transport = sshd.Transport();
        await using var connection = await transport.ConnectAsync(
            sshd.Host(sshd.Key("id_certified")),
            CancellationToken.None
        );

        var result = await connection.ExecuteAsync(RemoteCommand.Plain("echo in"), null, CancellationToken.None);

        Assert.Equal("in\n", result.Stdout);
        Assert.Contains(
            sshd.Log.Split('\n'),
            line =>
                line.Contains("Accepted publickey for " + Environment.UserName, StringComparison.Ordinal)
                && line.Contains("-CERT SHA256:", StringComparison.Ordinal)
                && line.Contains("ID runbook-test", StringComparison.Ordinal)
        );
    }

    [Fact]
    public async Task The_same_key_without_its_certificate_is_refused()
    {
        await using var transport = sshd.Transport();

        var error = await Assert.ThrowsAsync<HostUnreachableException>(() =>
            transport.ConnectAsync(sshd.Host(sshd.Key("id_uncertified")), CancellationToken.None)
        );

        Assert.Equal($"authentication failed for user {Environment.UserName} with key ~/id_uncertified", error.Reason);
    }

    [Fact]
    public async Task A_password_from_RUNBOOK_SSH_PASSWORD_logs_in_and_is_never_shown()
    {
        await using var transport = sshd.Transport(
            new Dictionary<string, string> { ["RUNBOOK_SSH_PASSWORD"] = sshd.Password }
        );
        await using var connection = await transport.ConnectAsync(
            sshd.Host(null, sshd.PasswordUser),
            CancellationToken.None
        );

        var result = await connection.ExecuteAsync(RemoteCommand.Plain("id -un"), null, CancellationToken.None);

        Assert.Equal(sshd.PasswordUser + "\n", result.Stdout);
        Assert.Contains($"Accepted password for {sshd.PasswordUser}", sshd.Log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wrong_password_is_an_authentication_failure_that_does_not_show_it()
    {
        await using var transport = sshd.Transport(
            new Dictionary<string, string> { ["RUNBOOK_SSH_PASSWORD"] = "wrong-" + sshd.Password }
        );

        var error = await Assert.ThrowsAsync<HostUnreachableException>(() =>
            transport.ConnectAsync(sshd.Host(null, sshd.PasswordUser), CancellationToken.None)
        );

        Assert.Equal($"authentication failed for user {sshd.PasswordUser} with password", error.Reason);
        Assert.DoesNotContain(sshd.Password, error.Message, StringComparison.Ordinal);
    }
}
