using Runbook.Execution;
using Runbook.Transport;

namespace Runbook.Tests.Transport;

/// <summary>
/// The pid file a step's command leaves on its host while it runs (CommandMarker), the scripts that find and kill the
/// commands of a run's earlier attempt, and how long a resumed run waits for them (StaleCommands).
/// </summary>
public sealed class CommandMarkerTests
{
    private static readonly CommandMarker Marker = new("20261130T010203Z", "p1.b1.etcd-1.s2");

    [Fact]
    public void A_marked_command_writes_its_pid_file_keeps_its_login_shell_and_removes_the_file_at_the_end()
    {
        var text = RemoteCommandBuilder.Build(new RemoteCommand("sleep 9", true, null, []) { Marker = Marker });

        Assert.StartsWith("printf 'RUNBOOK-PID %s\\n' \"$$\" >&2; __rb_d=\"$HOME\"/.cache/runbook/runs/", text);
        Assert.Contains("mkdir -p -m 700 \"$__rb_d\"", text, StringComparison.Ordinal);
        // PID, start time (field 22 of /proc/PID/stat), boot id, sudo or not, step id: tells a reused PID apart.
        Assert.Contains("printf '%s %s %s %s %s\\n' \"$$\" \"${20}\" \"$__rb_b\" 1 p1.b1.etcd-1.s2", text);
        Assert.Contains(">\"$__rb_d/p1.b1.etcd-1.s2.pid\"", text, StringComparison.Ordinal);
        Assert.Contains("; } 2>/dev/null; sudo -n sh -c 'exec </dev/null; sleep 9'; __rb_r=$?;", text);
        Assert.EndsWith("rm -f \"$__rb_f\"; rmdir \"$__rb_d\"; } 2>/dev/null; exit $__rb_r", text);
        Assert.DoesNotContain("exec sudo", text, StringComparison.Ordinal);
        Assert.DoesNotContain("/tmp", text, StringComparison.Ordinal);
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
    [InlineData("p1.b1.etcd-1.s2", "p1.b1.etcd-1.s2.pid")]
    [InlineData("p1.b1.../../x.s1", "p1.b1...%2F..%2Fx.s1.pid")]
    [InlineData(".hidden", "%2Ehidden.pid")]
    [InlineData("a b'c", "a%20b%27c.pid")]
    public void A_step_id_becomes_a_file_name_in_the_runs_directory_and_nowhere_else(string id, string file)
    {
        Assert.Equal(file, CommandMarker.FileName(id));
    }

    [Fact]
    public void The_list_script_reads_only_the_runs_directory_and_drops_pid_files_whose_process_is_gone()
    {
        var script = CommandMarker.ListScript("20261130T010203Z");

        Assert.StartsWith("d=\"$HOME\"/.cache/runbook/runs/20261130T010203Z; [ -d \"$d\" ] || exit 0;", script);
        Assert.Contains("[ \"$b\" = \"$boot\" ]", script, StringComparison.Ordinal);
        Assert.Contains("[ \"${20}\" = \"$t\" ]", script, StringComparison.Ordinal);
        Assert.Contains("else rm -f \"$f\"; fi", script, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => CommandMarker.ListScript("../../etc"));
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
