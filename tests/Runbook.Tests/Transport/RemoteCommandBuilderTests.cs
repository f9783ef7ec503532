using Runbook.Templating;
using Runbook.Transport;

namespace Runbook.Tests.Transport;

public sealed class RemoteCommandBuilderTests
{
    private const string Prefix = "printf 'RUNBOOK-PID %s\\n' \"$$\" >&2; exec ";

    [Fact]
    public void A_plain_command_runs_under_sh_after_reporting_its_pid()
    {
        Assert.Equal(
            Prefix + "sh -c 'exec </dev/null; systemctl restart rke2-server'",
            RemoteCommandBuilder.Build(RemoteCommand.Plain("systemctl restart rke2-server"))
        );
    }

    [Fact]
    public void Env_comes_on_stdin_and_is_evaluated_inside_the_script_never_on_its_command_line()
    {
        var command = new RemoteCommand("echo $A", false, null, [new("A", "it's $x"), new("B", "plain")]);

        const string env = "export A='it'\"'\"'s $x';\nexport B=plain;\n";
        var padded = env + new string(' ', 64 - env.Length);
        Assert.Equal(
            Prefix + "sh -c " + ShellQuote.Quote("eval \"$(head -c 64)\"; exec </dev/null; echo $A"),
            RemoteCommandBuilder.Build(command)
        );
        Assert.DoesNotContain("it's", RemoteCommandBuilder.Build(command), StringComparison.Ordinal);
        Assert.Equal(padded, System.Text.Encoding.UTF8.GetString(RemoteCommandBuilder.Stdin(command, null)!));
        Assert.Equal(
            "pw\n" + RemoteCommandBuilder.PasswordEnd + "\n" + padded,
            System.Text.Encoding.UTF8.GetString(RemoteCommandBuilder.Stdin(command with { Become = true }, "pw")!)
        );
        var noEnv = command with { Become = true, Env = [] };
        Assert.Equal("pw\n", System.Text.Encoding.UTF8.GetString(RemoteCommandBuilder.Stdin(noEnv, "pw")!));
        Assert.Null(RemoteCommandBuilder.Stdin(RemoteCommand.Plain("true"), null));
    }

    /// <summary>
    /// sudo leaves the password on stdin when it asks for none (as root, NOPASSWD, cached credentials): the command
    /// must drop it, not evaluate it as the env. Run by the local sh, without sudo: as a sudo that asks for nothing.
    /// </summary>
    [Fact]
    public async Task The_password_sudo_does_not_read_is_dropped_never_run_and_the_env_still_arrives()
    {
        var command = new RemoteCommand("echo \"[$A]\"", true, null, [new("A", "it's here")]);
        var script = RemoteCommandBuilder.Build(command, sudoPassword: true);
        var info = new System.Diagnostics.ProcessStartInfo("sh")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add(script.Replace("sudo -S -p '' ", string.Empty, StringComparison.Ordinal));
        using var shell = System.Diagnostics.Process.Start(info)!;
        await shell.StandardInput.BaseStream.WriteAsync(RemoteCommandBuilder.Stdin(command, "s3cret;echo RAN-IT")!);
        shell.StandardInput.Close();
        var stdout = await shell.StandardOutput.ReadToEndAsync();
        var stderr = await shell.StandardError.ReadToEndAsync();
        await shell.WaitForExitAsync();

        Assert.Equal("[it's here]\n", stdout);
        Assert.DoesNotContain("s3cret", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("RAN-IT", stdout + stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Become_uses_sudo_without_a_prompt_or_reads_the_password_from_stdin()
    {
        var command = new RemoteCommand("id -u", true, null, []);

        Assert.Equal(Prefix + "sudo -n sh -c 'exec </dev/null; id -u'", RemoteCommandBuilder.Build(command));
        Assert.Equal(
            Prefix + "sudo -S -p '' sh -c 'exec </dev/null; id -u'",
            RemoteCommandBuilder.Build(command, sudoPassword: true)
        );
    }

    [Fact]
    public void A_timeout_wraps_the_script_in_timeout_with_a_kill_grace_rounded_up_to_seconds()
    {
        var command = new RemoteCommand("sleep 9", true, TimeSpan.FromMilliseconds(1500), []);

        Assert.Equal(
            Prefix + "sudo -n timeout -k 5 2s sh -c 'exec </dev/null; sleep 9'",
            RemoteCommandBuilder.Build(command)
        );
    }

    [Theory]
    [InlineData("1A")]
    [InlineData("A-B")]
    [InlineData("")]
    [InlineData("A;rm")]
    public void Invalid_env_names_are_refused(string name)
    {
        Assert.Throws<ArgumentException>(() =>
            RemoteCommandBuilder.Stdin(new RemoteCommand("true", false, null, [new(name, "v")]), null)
        );
    }

    [Fact]
    public void The_kill_command_kills_the_whole_session()
    {
        var kill = RemoteCommandBuilder.KillCommand(42, become: false);
        Assert.Equal("pkill -KILL -s 42 2>/dev/null || kill -KILL -- -42 2>/dev/null; true", kill.Script);
        Assert.Null(kill.Timeout);
        // Under become it is built like any command: sudo -n, or sudo -S with the password on stdin.
        var sudo = RemoteCommandBuilder.KillCommand(42, become: true);
        Assert.Contains("exec sudo -n sh -c 'exec </dev/null; pkill -KILL -s 42 ", RemoteCommandBuilder.Build(sudo));
        Assert.Contains("exec sudo -S -p '' sh -c", RemoteCommandBuilder.Build(sudo, sudoPassword: true));
        Assert.Equal("pw\n", System.Text.Encoding.UTF8.GetString(RemoteCommandBuilder.Stdin(sudo, "pw")!));
    }

    [Theory]
    [InlineData(124, true)]
    [InlineData(137, true)]
    [InlineData(1, false)]
    [InlineData(0, false)]
    public void Timeout_exit_statuses(int exit, bool timedOut) =>
        Assert.Equal(timedOut, RemoteCommandBuilder.IsTimeoutExit(exit));
}
