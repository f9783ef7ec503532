using Runbook.Execution;
using Runbook.Transport;

namespace Runbook.Tests.Transport;

/// <summary>
/// The marker a step's command carries in its command line while it runs (CommandMarker), the scripts that find and
/// kill the commands of a run's earlier attempt, and how long a resumed run waits for them (StaleCommands).
/// </summary>
public sealed class CommandMarkerTests
{
    private static readonly CommandMarker Marker = new("20261130T010203Z", "p1.b1.etcd-1.s2");

    [Fact]
    public void A_marked_command_carries_its_run_and_step_first_in_its_script_and_execs_it_unless_under_sudo()
    {
        var become = RemoteCommandBuilder.Build(new RemoteCommand("sleep 9", true, null, []) { Marker = Marker });
        var plain = RemoteCommandBuilder.Build(new RemoteCommand("sleep 9", false, null, []) { Marker = Marker });

        // Under sudo the login shell stays the session leader (it runs as the login user) and exits with the status.
        Assert.Equal(
            "printf 'RUNBOOK-PID %s\\n' \"$$\" >&2; sudo -n sh -c "
                + "': runbook-step 20261130T010203Z p1.b1.etcd-1.s2 1; exec </dev/null; sleep 9'; exit $?",
            become
        );
        Assert.Equal(
            "printf 'RUNBOOK-PID %s\\n' \"$$\" >&2; exec sh -c "
                + "': runbook-step 20261130T010203Z p1.b1.etcd-1.s2 0; exec </dev/null; sleep 9'",
            plain
        );
        Assert.DoesNotContain("$HOME", become, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unmarked_command_and_one_with_an_unusable_run_id_are_built_as_before()
    {
        var plain = RemoteCommandBuilder.Build(RemoteCommand.Plain("true"));
        var odd = RemoteCommandBuilder.Build(RemoteCommand.Plain("true") with { Marker = new("../x", "s") });

        Assert.Equal("printf 'RUNBOOK-PID %s\\n' \"$$\" >&2; exec sh -c 'exec </dev/null; true'", plain);
        Assert.Equal(plain, odd);
    }

    [Theory]
    [InlineData("p1.b1.etcd-1.s2", "p1.b1.etcd-1.s2")]
    [InlineData("p1.b1.../../x.s1", "p1.b1...%2F..%2Fx.s1")]
    [InlineData(".hidden", "%2Ehidden")]
    [InlineData("a b'c;d", "a%20b%27c%3Bd")]
    public void A_step_id_becomes_one_word_that_reads_back_as_the_id(string id, string token)
    {
        Assert.Equal(token, CommandMarker.Token(id));
        Assert.Equal(id, CommandMarker.Parse($"RUNNING 1 2 0 3 {token}")!.Step);
    }

    [Fact]
    public void The_list_script_finds_the_session_leaders_of_its_run_and_nothing_else()
    {
        var script = CommandMarker.ListScript("20261130T010203Z.x");

        // Its own text, and grep's arguments, never match the pattern they look for.
        Assert.DoesNotContain("runbook-step", script, StringComparison.Ordinal);
        Assert.Contains("-E -e ': runbook-ste[p] 20261130T010203Z[.]x ' /proc/[0-9]*/cmdline", script);
        Assert.Contains("[ \"$4\" = \"$p\" ]", script, StringComparison.Ordinal); // a session leader
        Assert.Throws<ArgumentException>(() => CommandMarker.ListScript("../../etc"));
    }

    /// <summary>
    /// The list script run by the local shell (Linux /proc, as on a host) over real processes: a marked session leader
    /// of the run is found with its step, sudo flag and start time; one of another run, and an unmarked one, are not.
    /// </summary>
    [Fact]
    public async Task The_list_script_run_by_a_real_shell_lists_the_runs_live_commands()
    {
        var run = "T" + Guid.NewGuid().ToString("N")[..12];
        var mine = new CommandMarker(run, "p1.b1.etcd 1.s2").Text(become: true);
        var other = new CommandMarker(run + "x", "p1.b1.etcd-1.s3").Text(become: false);
        using var leader = Start("setsid", "sh", "-c", mine + "exec </dev/null; sleep 60");
        using var foreign = Start("setsid", "sh", "-c", other + "sleep 60");
        using var unmarked = Start("setsid", "sh", "-c", "sleep 60 # " + run);
        try
        {
            IReadOnlyList<StaleCommand> listed = [];
            for (var i = 0; i < 50 && listed.Count == 0; i++)
            {
                await Task.Delay(100);
                using var list = Start("sh", "-c", CommandMarker.ListScript(run));
                var output = await list.StandardOutput.ReadToEndAsync();
                await list.WaitForExitAsync();
                listed = [.. output.Split('\n').Select(CommandMarker.Parse).OfType<StaleCommand>()];
            }

            var found = Assert.Single(listed);
            Assert.Equal(leader.Id, found.Pid);
            Assert.Equal("p1.b1.etcd 1.s2", found.Step);
            Assert.True(found.Become);
            var stat = File.ReadAllText($"/proc/{leader.Id}/stat");
            Assert.Equal(stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[19], found.Start.ToString());
        }
        finally
        {
            foreach (var process in new[] { leader, foreign, unmarked })
                process.Kill(entireProcessTree: true);
        }
    }

    private static System.Diagnostics.Process Start(string file, params string[] args)
    {
        var info = new System.Diagnostics.ProcessStartInfo(file) { RedirectStandardOutput = true };
        foreach (var arg in args)
            info.ArgumentList.Add(arg);
        return System.Diagnostics.Process.Start(info)!;
    }

    [Fact]
    public void The_kill_script_signals_the_whole_session_only_if_its_leader_is_still_the_same_process()
    {
        var script = CommandMarker.KillScript(4242, 987654, "TERM");

        Assert.StartsWith("{ read -r s </proc/4242/stat && ", script);
        Assert.Contains("[ \"${20}\" = \"987654\" ]; } 2>/dev/null || exit 0;", script);
        Assert.Contains("pkill -TERM -s 4242 2>/dev/null || kill -TERM -- -4242", script);
        Assert.Throws<ArgumentException>(() => CommandMarker.KillScript(1, 1, "HUP; rm -rf /"));
    }

    [Fact]
    public void A_listed_line_reads_back_with_its_step_pid_start_sudo_and_age()
    {
        var stale = CommandMarker.Parse("RUNNING 4242 987654 1 17 p1.b1.etcd-1.s2");

        Assert.Equal(new StaleCommand("p1.b1.etcd-1.s2", 4242, 987654, true, TimeSpan.FromSeconds(17)), stale);
        Assert.Null(CommandMarker.Parse("RUNNING x 1 0 1 s"));
        Assert.Null(CommandMarker.Parse("sh: 1: something else"));
        Assert.Null(CommandMarker.Parse(string.Empty));
    }

    [Fact]
    public void A_resumed_run_waits_for_a_stale_command_up_to_its_steps_timeout_and_a_grace_less_its_age()
    {
        var slack = StaleCommands.Slack;

        Assert.Equal(
            TimeSpan.FromMinutes(5) + slack - TimeSpan.FromMinutes(1),
            StaleCommands.Limit(TimeSpan.FromMinutes(5), TimeSpan.FromHours(1), TimeSpan.FromMinutes(1))
        );
        Assert.Equal(TimeSpan.FromHours(1) + slack, StaleCommands.Limit(null, TimeSpan.FromHours(1), TimeSpan.Zero));
        Assert.Equal(StaleCommands.NoTimeoutLimit + slack, StaleCommands.Limit(null, null, TimeSpan.Zero));
        Assert.Equal(slack, StaleCommands.Limit(TimeSpan.FromSeconds(10), null, TimeSpan.FromHours(2)));
    }

    [Fact]
    public void A_stale_command_is_gone_when_its_pid_is_not_listed_again_with_the_same_start_time()
    {
        var a = new StaleCommand("s1", 10, 100, false, TimeSpan.Zero);
        var b = new StaleCommand("s2", 11, 100, false, TimeSpan.Zero);
        var reused = new StaleCommand("s2", 11, 555, false, TimeSpan.FromSeconds(1));

        Assert.Equal([a], StaleCommands.Gone([a, b], [b with { Running = TimeSpan.FromSeconds(3) }]));
        Assert.Equal([a, b], StaleCommands.Gone([a, b], [reused]));
        Assert.Empty(StaleCommands.Gone([a, b], [a, b]));
    }
}
