using System.Globalization;
using System.Text;
using Runbook.Templating;

namespace Runbook.Transport;

/// <summary>
/// Which run and step a remote command belongs to. The command leaves a pid file on the host while it runs, so that a
/// resumed run can find the commands of its earlier incarnation that outlived the engine (a SIGKILL drops the SSH
/// connection, not the command) and wait for them or kill them before it runs anything there (README,
/// "Commands still running from before").
/// </summary>
/// <remarks>
/// The file is <c>$HOME/.cache/runbook/runs/RUN/STEP.pid</c> on the host, written by the login user (whose home only
/// it and root can write, unlike a shared /tmp); the run's directory is created mode 0700. One line:
/// <c>PID START BOOT BECOME STEP</c>: the PID of the login shell that wraps the command (the leader of the SSH session,
/// so every process of the command is in session PID), its start time in clock ticks after boot (field 22 of
/// /proc/PID/stat) and the kernel's boot id, so a PID reused after the command ended, or after a reboot, is not taken
/// for it; 1 when the command runs under sudo (killing it then needs sudo too); the step id. The wrapper removes the
/// file, and the run's directory once it is empty, when the command ends; a file whose command was killed stays until
/// a resume finds its process gone.
/// </remarks>
internal sealed record CommandMarker(string RunId, string StepId)
{
    /// <summary>Where the run's pid files are, under the login user's home (shell text, expanded there).</summary>
    public const string Root = "\"$HOME\"/.cache/runbook/runs/";

    /// <summary>A run id that can name a directory as it is (the engine's ids always can).</summary>
    public static bool IsUsableRunId(string runId) =>
        runId.Length is > 0 and <= 100
        && runId[0] != '.'
        && runId.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.');

    public string Directory => Root + RunId;

    /// <summary>The step id as a file name: letters, digits, '-', '_', inner '.' stay; other bytes are %XX.</summary>
    public static string FileName(string stepId)
    {
        var name = new StringBuilder();
        var bytes = Encoding.UTF8.GetBytes(stepId);
        for (var i = 0; i < bytes.Length; i++)
        {
            var c = (char)bytes[i];
            var keep = c < 128 && (char.IsAsciiLetterOrDigit(c) || c is '-' or '_' || (c == '.' && i > 0));
            name.Append(keep ? c.ToString() : "%" + bytes[i].ToString("X2", CultureInfo.InvariantCulture));
        }

        return name.Append(".pid").ToString();
    }

    /// <summary>
    /// Shell text run by the wrapper's login shell before the command: writes the pid file and leaves its path in
    /// <c>__rb_f</c> (empty when it could not be written: a home that is not writable or a system without /proc; the
    /// command runs all the same, unmarked). Reads /proc with the shell's own <c>read</c>, and leaves stdin alone: a
    /// file transfer's data and sudo's password arrive there.
    /// </summary>
    public string Begin(bool become)
    {
        var text = new StringBuilder();
        text.Append("__rb_d=").Append(Directory).Append("; __rb_f=; { ");
        text.Append("[ -d \"$__rb_d\" ] || mkdir -p -m 700 \"$__rb_d\"; ");
        text.Append("read -r __rb_s </proc/$$/stat && read -r __rb_b </proc/sys/kernel/random/boot_id");
        text.Append(" && __rb_s=${__rb_s##*\") \"} && set -- $__rb_s");
        text.Append(" && printf '%s %s %s %s %s\\n' \"$$\" \"${20}\" \"$__rb_b\" ")
            .Append(become ? '1' : '0')
            .Append(' ')
            .Append(ShellQuote.Quote(StepId))
            .Append(" >\"$__rb_d/")
            .Append(FileName(StepId))
            .Append("\" && __rb_f=\"$__rb_d/")
            .Append(FileName(StepId))
            .Append("\"; } 2>/dev/null; ");
        return text.ToString();
    }

    /// <summary>
    /// Shell text run after the command: removes the pid file (and the run's directory when nothing else of the run
    /// runs there) and exits with the command's status.
    /// </summary>
    public static string End =>
        "; __rb_r=$?; [ -z \"$__rb_f\" ] || { rm -f \"$__rb_f\"; rmdir \"$__rb_d\"; } 2>/dev/null; exit $__rb_r";

    /// <summary>
    /// Lists the commands of run <paramref name="runId"/> still running on the host, one line each:
    /// <c>RUNNING PID START BECOME SECONDS STEP</c> (SECONDS: how long it has run). Pid files whose process is gone
    /// (ended, killed, another boot, the PID reused: a different start time) are removed, and the run's directory
    /// with them once empty. Runs as the login user: /proc/PID/stat is readable for everyone's processes.
    /// </summary>
    public static string ListScript(string runId)
    {
        Check(runId);
        return "d="
            + Root
            + runId
            + "; [ -d \"$d\" ] || exit 0; "
            + "read -r boot </proc/sys/kernel/random/boot_id || exit 0; "
            + "hz=$(getconf CLK_TCK 2>/dev/null) || hz=100; read -r up _ </proc/uptime; up=${up%%.*}; "
            + "for f in \"$d\"/*.pid; do [ -f \"$f\" ] || continue; "
            + "if read -r p t b be id <\"$f\" && [ \"$b\" = \"$boot\" ] && "
            + Alive("$p", "$t")
            + "; then "
            + "printf 'RUNNING %s %s %s %s %s\\n' \"$p\" \"$t\" \"$be\" $((up - t / hz)) \"$id\"; "
            + "else rm -f \"$f\"; fi; done; rmdir \"$d\" 2>/dev/null; true";
    }

    /// <summary>
    /// Sends <paramref name="signal"/> (TERM or KILL) to every process of the command's SSH session, if its leader is
    /// still the process the pid file named (same start time). Run under sudo when the command ran under sudo.
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
            throw new ArgumentException($"'{runId}' cannot name a directory", nameof(runId));
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

        return new StaleCommand(step.TrimEnd('\r'), pid, start, be == "1", TimeSpan.FromSeconds(Math.Max(0, seconds)));
    }
}

/// <summary>A command of a run's earlier incarnation still running on a host, as its pid file and /proc tell.</summary>
/// <param name="Pid">The login shell that wraps it: its SSH session's id.</param>
/// <param name="Start">The shell's start time (clock ticks after boot), which tells it from a later PID reuse.</param>
/// <param name="Become">It runs under sudo: killing it needs sudo.</param>
/// <param name="Running">How long it has run.</param>
internal sealed record StaleCommand(string Step, int Pid, long Start, bool Become, TimeSpan Running);
