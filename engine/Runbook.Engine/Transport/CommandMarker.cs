using System.Globalization;
using System.Text;
using Runbook.Templating;

namespace Runbook.Transport;

/// <summary>
/// Which run and step a remote command belongs to. It travels in the command's own command line, so that a resumed
/// run can find the commands of its earlier incarnation that outlived the engine (a SIGKILL drops the SSH connection,
/// not the command) and wait for them or kill them before it runs anything there (README, "Commands still running
/// from before").
/// </summary>
/// <remarks>
/// The command's inner script starts with the no-op <c>: runbook-step RUN STEP BECOME;</c> (STEP: the step id with
/// bytes other than letters, digits, '-', '_' and '.' as %XX; BECOME: 1 under sudo, where killing it needs sudo too).
/// Every process that carries the script in its arguments shows it in /proc/PID/cmdline, among them the leader of the
/// command's SSH session: the login shell, or what it exec'd. <see cref="ListScript"/> looks for session leaders whose
/// command line holds the run's marker; a process's start time (field 22 of /proc/PID/stat) tells it from a later
/// process with the same PID. Before, each step wrote a pid file in the SSH user's home and removed it afterwards:
/// three more processes (mkdir, rm, rmdir) per step on the host, about a third of what a trivial step cost there
/// (bench/fleet-bench.sh: 35 processes per host for five steps, now 15), and a write to every host's home.
/// </remarks>
internal sealed record CommandMarker(string RunId, string StepId)
{
    /// <summary>What every marker starts with.</summary>
    public const string Prefix = ": runbook-step ";

    /// <summary>A run id that can appear in a marker and a pattern as it is (the engine's ids always can).</summary>
    public static bool IsUsableRunId(string runId) =>
        runId.Length is > 0 and <= 100
        && runId[0] != '.'
        && runId.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.');

    /// <summary>The step id as one word: letters, digits, '-', '_', inner '.' stay; other bytes are %XX.</summary>
    public static string Token(string stepId)
    {
        var name = new StringBuilder();
        var bytes = Encoding.UTF8.GetBytes(stepId);
        for (var i = 0; i < bytes.Length; i++)
        {
            var c = (char)bytes[i];
            var keep = c < 128 && (char.IsAsciiLetterOrDigit(c) || c is '-' or '_' || (c == '.' && i > 0));
            name.Append(keep ? c.ToString() : "%" + bytes[i].ToString("X2", CultureInfo.InvariantCulture));
        }

        return name.ToString();
    }

    /// <summary>The marker at the start of the command's inner script: a no-op for the shell.</summary>
    public string Text(bool become)
    {
        Check(RunId);
        return Prefix + RunId + " " + Token(StepId) + (become ? " 1" : " 0") + "; ";
    }

    /// <summary>
    /// Lists the commands of run <paramref name="runId"/> still running on the host, one line each:
    /// <c>RUNNING PID START BECOME SECONDS STEP</c> (SECONDS: how long it has run). One grep over every process's
    /// command line; the pattern is written so that it does not match itself (grep's and this shell's own command
    /// lines), and only session leaders count (a shell's forked child shares its command line for a moment). Runs as
    /// the login user: command lines and /proc/PID/stat are readable for everyone's processes.
    /// </summary>
    public static string ListScript(string runId)
    {
        Check(runId);
        // "runbook-ste[p]" matches "runbook-step" but not its own text; dots in the run id are escaped.
        var pattern = ShellQuote.Quote(": runbook-ste[p] " + runId.Replace(".", "[.]", StringComparison.Ordinal) + " ");
        var prefix = ": runbook-ste[p] " + runId + " "; // the same trick, as a shell pattern
        return "hz=$(getconf CLK_TCK 2>/dev/null) || hz=100; read -r up _ </proc/uptime || exit 0; up=${up%%.*}; "
            + "for f in $(grep -l -s -a -E -e "
            + pattern
            + " /proc/[0-9]*/cmdline); do p=${f#/proc/}; p=${p%/cmdline}; "
            + "{ read -r s </proc/$p/stat && s=${s##*\") \"} && set -- $s && [ \"$4\" = \"$p\" ]; } 2>/dev/null "
            + "|| continue; t=${20}; "
            + "c=$(tr '\\000' ' ' </proc/$p/cmdline 2>/dev/null) || continue; c=${c#*"
            + prefix
            + "}; set -- ${c%%;*}; [ $# -eq 2 ] || continue; "
            + "printf 'RUNNING %s %s %s %s %s\\n' \"$p\" \"$t\" \"$2\" $((up - t / hz)) \"$1\"; done; true";
    }

    /// <summary>
    /// Sends <paramref name="signal"/> (TERM or KILL) to every process of the command's SSH session, if its leader is
    /// still the process that was listed (same start time). Run under sudo when the command ran under sudo.
    /// </summary>
    public static string KillScript(int pid, long start, string signal)
    {
        if (signal is not ("TERM" or "KILL"))
            throw new ArgumentException("TERM or KILL", nameof(signal));
        var p = pid.ToString(CultureInfo.InvariantCulture);
        var t = start.ToString(CultureInfo.InvariantCulture);
        return Alive(p, t)
            + " || exit 0; "
            + $"pkill -{signal} -s {p} 2>/dev/null || kill -{signal} -- -{p} 2>/dev/null; true";
    }

    /// <summary>Whether process <paramref name="pid"/> exists and started at <paramref name="start"/>.</summary>
    private static string Alive(string pid, string start) =>
        "{ read -r s </proc/"
        + pid
        + "/stat && s=${s##*\") \"} && set -- $s && [ \"${20}\" = \""
        + start
        + "\" ]; }"
        + " 2>/dev/null";

    private static void Check(string runId)
    {
        if (!IsUsableRunId(runId))
            throw new ArgumentException($"'{runId}' cannot be part of a marker", nameof(runId));
    }

    /// <summary>One line of <see cref="ListScript"/>'s output, or null for anything else.</summary>
    public static StaleCommand? Parse(string line)
    {
        var parts = line.Split(' ', 6);
        if (
            parts is not ["RUNNING", var p, var t, var be, var s, var step]
            || !int.TryParse(p, NumberStyles.None, CultureInfo.InvariantCulture, out var pid)
            || !long.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out var start)
            || !long.TryParse(s, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var seconds)
        )
        {
            return null;
        }

        var id = Uri.UnescapeDataString(step.TrimEnd('\r'));
        return new StaleCommand(id, pid, start, be == "1", TimeSpan.FromSeconds(Math.Max(0, seconds)));
    }
}

/// <summary>
/// A command of a run's earlier incarnation still running on a host, as its command line and /proc tell.
/// </summary>
/// <param name="Pid">The login shell that wraps it: its SSH session's id.</param>
/// <param name="Start">The shell's start time (clock ticks after boot), which tells it from a later PID reuse.</param>
/// <param name="Become">It runs under sudo: killing it needs sudo.</param>
/// <param name="Running">How long it has run.</param>
internal sealed record StaleCommand(string Step, int Pid, long Start, bool Become, TimeSpan Running);
