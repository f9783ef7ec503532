using System.Diagnostics;
using Runbook.Model;
using Runbook.Tests.Support;
using Runbook.Transport;

namespace Runbook.Tests.Transport;

/// <summary>
/// become on a host whose sudo asks for a password every time (<see cref="AuthSshdFixture"/>'s throwaway user), with
/// the real sudo: the password reaches sudo and nothing else, the env still arrives, data streamed to a command under
/// sudo lands without it, and a cancelled command is killed through sudo with the password too (with sudo -n the kill
/// was refused, and the command ran on).
/// </summary>
public sealed class PasswordSudoTests(AuthSshdFixture sshd) : IClassFixture<AuthSshdFixture>
{
    [Fact]
    public async Task Sudo_that_asks_for_the_password_gets_it_and_the_command_gets_its_env()
    {
        await using var transport = Transport();
        await using var connection = await transport.ConnectAsync(Host(), CancellationToken.None);

        var command = new RemoteCommand("echo \"$(id -u) [$GREETING]\"", true, null, [new("GREETING", "it's me")]);
        var result = await connection.ExecuteAsync(command, null, CancellationToken.None);

        Assert.Equal("0 [it's me]\n", result.Stdout);
        Assert.Equal(0, result.ExitCode);
        Assert.DoesNotContain(sshd.Password, result.Stdout + result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_the_password_become_fails_and_says_sudo_wants_one()
    {
        await using var transport = Transport();
        await using var connection = await transport.ConnectAsync(
            Host() with { BecomePassword = null },
            CancellationToken.None
        );

        var result = await connection.ExecuteAsync(new RemoteCommand("id -u", true, null, []), null, default);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("password is required", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Data_streamed_to_a_command_under_sudo_arrives_without_the_password()
    {
        await using var transport = Transport();
        await using var connection = await transport.ConnectAsync(Host(), CancellationToken.None);
        var file = Path.Combine(Path.GetTempPath(), "runbook-sudo-upload-" + Guid.NewGuid().ToString("N"));
        var data = "line one\nline two\n"u8.ToArray();
        try
        {
            using var input = new MemoryStream(data);
            var command = new RemoteCommand($"cat > {file}; id -u", true, TimeSpan.FromMinutes(1), []);
            var result = await connection.SendAsync(command, input, CancellationToken.None);

            Assert.True(result.ExitCode == 0, result.Stderr);
            Assert.Equal("0\n", result.Stdout);
            Assert.Equal(data, await File.ReadAllBytesAsync(file));
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task Cancellation_kills_a_become_command_where_sudo_asks_for_the_password()
    {
        await using var transport = Transport();
        await using var connection = await transport.ConnectAsync(Host(), CancellationToken.None);
        using var cancel = new CancellationTokenSource();
        var run = connection.ExecuteAsync(
            new RemoteCommand("sleep 1009.5", true, TimeSpan.FromMinutes(5), []),
            null,
            cancel.Token
        );
        for (var i = 0; await PgrepAsync("sleep 100[9][.]5") == string.Empty; i++)
        {
            Assert.True(i < 600, "the command never started");
            await Task.Delay(50);
        }

        await cancel.CancelAsync();

        // It would run for 1,000 s: ending within a minute, with no process left, is the kill at work.
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run.WaitAsync(TimeSpan.FromMinutes(1)));
        Assert.Equal(string.Empty, await PgrepAsync("sleep 100[9][.]5"));
    }

    private HostEndpoint Host() =>
        sshd.Host(null, sshd.PasswordUser) with { BecomePassword = new SecretText(sshd.Password) };

    private SshTransport Transport() =>
        sshd.Transport(new Dictionary<string, string> { ["RUNBOOK_SSH_PASSWORD"] = sshd.Password });

    /// <summary>pgrep on this machine, where the test's sshd runs.</summary>
    private static async Task<string> PgrepAsync(string pattern)
    {
        var start = new ProcessStartInfo("pgrep") { RedirectStandardOutput = true };
        foreach (var arg in new[] { "-af", pattern })
            start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        return output.Trim();
    }
}
