using System.Globalization;
using System.Text;
using Runbook.Templating;

namespace Runbook.Transport;

/// <summary>
/// Builds the shell text sent over SSH for a <see cref="RemoteCommand"/>. Pure: no I/O, unit-tested.
/// </summary>
/// <remarks>
/// Shape: <c>printf 'RUNBOOK-PID %s\n' "$$" &gt;&amp;2; exec [sudo -n] [timeout -k 5 Ns] sh -c 'exec &lt;/dev/null; &lt;exports; script&gt;'</c>.
/// The login shell sshd starts is a session leader; it reports its PID on stderr (stripped by the transport) and then
/// execs the rest, so the PID stays the same and every child of the script is in session PID, whatever process group
/// it ends up in (<c>timeout</c> makes its own group, and under sudo it is not the session leader): the transport aborts
/// a command with <see cref="KillCommand"/>, which kills the whole session on the host. <c>timeout</c> (GNU coreutils)
/// signals its own process group on expiry, so a timed-out command leaves nothing behind either. The environment is exported inside the inner script, because sudo resets it.
/// </remarks>
internal static class RemoteCommandBuilder
{
    /// <summary>The first stderr line of every command: the PID of its process group, for aborting it.</summary>
    public const string PidMarker = "RUNBOOK-PID ";

    /// <summary>Seconds between the remote timeout's TERM and KILL (<c>timeout -k</c>).</summary>
    public const int KillAfterSeconds = 5;

    /// <summary>Exit statuses of GNU timeout when the command ran out of time (TERM, or KILL after the grace).</summary>
    public static bool IsTimeoutExit(int exitCode) => exitCode is 124 or 137;

    /// <param name="keepStdin">Leave stdin open: the caller streams data to it (see IHostConnection.SendAsync).</param>
    public static string Build(RemoteCommand command, bool sudoPassword = false, bool keepStdin = false)
    {
        ArgumentNullException.ThrowIfNull(command);
        // Commands get no stdin (a command reading it would otherwise wait forever); sudo -S has read its password by then.
        var inner = new StringBuilder(keepStdin ? string.Empty : "exec </dev/null; ");
        foreach (var (name, value) in command.Env)
        {
            if (!IsValidName(name))
                throw new ArgumentException($"'{name}' is not a valid environment variable name", nameof(command));
            inner.Append("export ").Append(name).Append('=').Append(ShellQuote.Quote(value)).Append("; ");
        }

        inner.Append(command.Script);

        var text = new StringBuilder();
        text.Append("printf '").Append(PidMarker).Append("%s\\n' \"$$\" >&2; exec ");
        if (command.Become)
            text.Append(SudoPrefix(sudoPassword));
        if (command.Timeout is { } timeout)
        {
            text.Append("timeout -k ")
                .Append(KillAfterSeconds.ToString(CultureInfo.InvariantCulture))
                .Append(' ')
                .Append(Seconds(timeout))
                .Append("s ");
        }

        text.Append("sh -c ").Append(ShellQuote.Quote(inner.ToString()));
        return text.ToString();
    }

    /// <summary>Kills every process of an aborted command's session (as root under become); kill(1) of the group without pkill.</summary>
    public static string KillCommand(int pid, bool become)
    {
        var sudo = become ? "sudo -n " : string.Empty;
        var id = pid.ToString(CultureInfo.InvariantCulture);
        return $"{sudo}pkill -KILL -s {id} 2>/dev/null || {sudo}kill -KILL -- -{id} 2>/dev/null; true";
    }

    private static string SudoPrefix(bool password) => password ? "sudo -S -p '' " : "sudo -n ";

    private static string Seconds(TimeSpan timeout) =>
        Math.Max(1, (long)Math.Ceiling(timeout.TotalSeconds)).ToString(CultureInfo.InvariantCulture);

    private static bool IsValidName(string name) =>
        name.Length > 0 && !char.IsAsciiDigit(name[0]) && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_');
}
