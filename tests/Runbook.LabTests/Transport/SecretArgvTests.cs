using System.Security.Cryptography;
using System.Text;
using Runbook.Model;
using Runbook.Tests.Support;
using Runbook.Transport;

namespace Runbook.Tests.Transport;

/// <summary>
/// Env values and the become password reach the remote command on stdin, never on a command line: while the command
/// runs, no process's /proc/PID/cmdline (what ps shows every user) holds them. The lab's sshd runs on this machine, so
/// the test reads the host's process table directly.
/// </summary>
[Collection(LabCollection.Name)]
public sealed class SecretArgvTests(LabFixture lab)
{
    private const string Token = "tok-7f3a9c1e-secret";
    private const string Password = "pw-5b2d8e44-secret";

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Env_values_and_the_become_password_are_in_no_processs_argv_while_the_command_runs(bool become)
    {
        var host = lab.Host("worker-1") with { BecomePassword = new SecretText(Password) };
        await using var connection = await lab.Transport.ConnectAsync(host, CancellationToken.None);
        // The command holds until the test has scanned the process table enough times while it ran (a fixed sleep
        // gave only 7 scans at load 35): it marks that it started, then waits for the test's go (at most a minute).
        var dir = Directory.CreateTempSubdirectory("runbook-argv-").FullName;
        var (started, go) = (Path.Combine(dir, "started"), Path.Combine(dir, "go"));
        var command = new RemoteCommand(
            "printf %s \"$TOKEN\" | sha256sum; echo \"$OTHER\"; : >" + started
                + "; i=0; while [ ! -e " + go + " ] && [ $i -lt 600 ]; do sleep 0.1; i=$((i+1)); done",
            become,
            TimeSpan.FromSeconds(90),
            [new("TOKEN", Token), new("OTHER", "it's a\nplain value")]
        );

        var run = connection.ExecuteAsync(command, null, CancellationToken.None);
        var seen = new List<string>();
        var scans = 0;
        while (!run.IsCompleted)
        {
            var running = File.Exists(started);
            seen.AddRange(CommandLines().Where(c => c.Contains(Token) || c.Contains(Password)));
            if (running && ++scans == 25)
                await File.WriteAllTextAsync(go, "");
            await Task.Delay(50);
        }

        Directory.Delete(dir, recursive: true);
        var result = await run;
        Assert.Equal(0, result.ExitCode);
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Token)));
        Assert.Equal($"{hash}  -\nit's a\nplain value\n", result.Stdout);
        Assert.True(scans >= 25, $"only {scans} scans of the process table while the command ran");
        Assert.Empty(seen);
    }

    /// <summary>Every process's command line, arguments joined by spaces (processes that end mid-read are
    /// skipped).</summary>
    private static IEnumerable<string> CommandLines()
    {
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            string text;
            try
            {
                text = File.ReadAllText(Path.Combine(dir, "cmdline"));
            }
            catch (IOException)
            {
                continue;
            }
            catch (UnauthorizedAccessException)
            {
                continue;
            }

            if (text.Length > 0)
                yield return text.Replace('\0', ' ');
        }
    }
}
