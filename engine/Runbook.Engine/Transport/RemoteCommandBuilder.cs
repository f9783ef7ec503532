using System.Globalization;
using System.Security.Cryptography;
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
/// signals its own process group on expiry, so a timed-out command leaves nothing behind either. The environment is
/// exported inside the inner script, because sudo resets it; its values travel on stdin, not in
/// any argv. A step's command (<see cref="RemoteCommand.Marker"/>) starts with its run and step (<see
/// cref="CommandMarker"/>), which its command line shows to a resumed run while it runs; it writes nothing on the host.
/// </remarks>
internal static class RemoteCommandBuilder
{
    /// <summary>The first stderr line of every command: the PID of its process group, for aborting it.</summary>
    public const string PidMarker = "RUNBOOK-PID ";

    /// <summary>
    /// The line after the become password on stdin when the env or data follows it: random for each engine process,
    /// so no password chosen before can be equal to it (it is on the command line, which is no secret: it only has to
    /// be unknown when the password was chosen).
    /// </summary>
    internal static readonly string PasswordEnd =
        "RUNBOOK-END-OF-PASSWORD-" + Convert.ToHexString(RandomNumberGenerator.GetBytes(16));

    /// <summary>Seconds between the remote timeout's TERM and KILL (<c>timeout -k</c>).</summary>
    public const int KillAfterSeconds = 5;

    /// <summary>Exit statuses of GNU timeout when the command ran out of time (TERM, or KILL after the grace).</summary>
    public static bool IsTimeoutExit(int exitCode) => exitCode is 124 or 137;

    /// <param name="keepStdin">Leave stdin open: the caller streams data to it (see IHostConnection.SendAsync).</param>
    /// <param name="becomeUser">
    /// The user sudo runs a become command as (the host's ansible_become_user); null: root.
    /// </param>
    public static string Build(
        RemoteCommand command,
        bool sudoPassword = false,
        bool keepStdin = false,
        string? becomeUser = null
    )
    {
        ArgumentNullException.ThrowIfNull(command);
        // Commands get no stdin (a command reading it would otherwise wait forever); sudo -S has read its password by
        // then. The env arrives on stdin first (see Stdin), never on a command line that any user can read with ps.
        var marker = command.Marker is { } m && CommandMarker.IsUsableRunId(m.RunId) ? m : null;
        var inner = new StringBuilder();
        // A step's command carries its run and step in its own command line (CommandMarker), where a resumed run
        // finds it: first, so that it is in the part of the line that ps and /proc show, however long the script.
        if (marker is not null)
            inner.Append(marker.Text(command.Become));
        var env = EnvScript(command);
        // sudo -S reads its password only when it asks for one: as root, with NOPASSWD or with credentials cached it
        // leaves the line on stdin. The script drops lines up to PasswordEnd, so that line is never taken for the env
        // (evaluated, it ran the password as a command, and the shell's "not found" printed it) nor for the data.
        if (EndsPassword(command, sudoPassword, env is not null || keepStdin))
        {
            inner.Append("while IFS= read -r __rb_l; do [ \"$__rb_l\" = ").Append(PasswordEnd);
            inner.Append(" ] && break; done; ");
        }

        if (env is not null)
            inner.Append("eval \"$(head -c ").Append(Encoding.UTF8.GetByteCount(env)).Append(")\"; ");
        if (!keepStdin)
            inner.Append("exec </dev/null; ");
        inner.Append(command.Script);

        var text = new StringBuilder();
        text.Append("printf '").Append(PidMarker).Append("%s\\n' \"$$\" >&2; ");
        // Under sudo a marked command's login shell stays (it runs as the login user, so a host that hides other
        // users' processes still shows it to the resumed run looking for it); otherwise it execs the command, which
        // keeps the marker in its command line and saves a process per step.
        var stays = marker is not null && command.Become;
        if (!stays)
            text.Append("exec ");
        if (command.Become)
            text.Append(SudoPrefix(sudoPassword, becomeUser));
        if (command.Timeout is { } timeout)
        {
            text.Append("timeout -k ")
                .Append(KillAfterSeconds.ToString(CultureInfo.InvariantCulture))
                .Append(' ')
                .Append(Seconds(timeout))
                .Append("s ");
        }

        text.Append("sh -c ").Append(ShellQuote.Quote(inner.ToString()));
        if (stays)
            text.Append("; exit $?"); // not the last command: no shell execs it in the login shell's place
        return text.ToString();
    }

    /// <summary>
    /// What the command reads on stdin before anything else, or null: the become password for <c>sudo -S</c> (one
    /// line, which sudo reads a byte at a time; then <see cref="PasswordEnd"/> when more follows), then the env as
    /// <c>export NAME='value';</c> lines, which the inner shell evaluates (export is a builtin: no process gets them as
    /// arguments; /proc/PID/environ is readable by the command's user and root only). Padded to a multiple of 64
    /// bytes, so the length on the command line says little.
    /// </summary>
    /// <param name="keepStdin">As given to <see cref="Build"/>: data follows on stdin.</param>
    public static byte[]? Stdin(RemoteCommand command, string? sudoPassword, bool keepStdin = false)
    {
        ArgumentNullException.ThrowIfNull(command);
        var env = EnvScript(command);
        var password = sudoPassword is null ? string.Empty : sudoPassword + "\n";
        if (EndsPassword(command, sudoPassword is not null, env is not null || keepStdin))
            password += PasswordEnd + "\n";
        var text = password + env;
        return text.Length == 0 ? null : Encoding.UTF8.GetBytes(text);
    }

    /// <summary>Whether <see cref="PasswordEnd"/> follows the password: when anything the script reads comes after
    /// it.</summary>
    private static bool EndsPassword(RemoteCommand command, bool sudoPassword, bool readsStdin) =>
        sudoPassword && command.Become && readsStdin;

    private static string? EnvScript(RemoteCommand command)
    {
        if (command.Env.Count == 0)
            return null;
        var script = new StringBuilder();
        foreach (var (name, value) in command.Env)
        {
            if (!IsValidName(name))
                throw new ArgumentException($"'{name}' is not a valid environment variable name", nameof(command));
            script.Append("export ").Append(name).Append('=').Append(ShellQuote.Quote(value)).Append(";\n");
        }

        var bytes = Encoding.UTF8.GetByteCount(script.ToString());
        return script.Append(' ', (64 - (bytes % 64)) % 64).ToString();
    }

    /// <summary>
    /// Kills every process of an aborted command's session; kill(1) of the group without pkill. Under become it runs
    /// through sudo as the user the command ran as (a host may allow sudo to that user only), built with
    /// <see cref="Build"/> like any command, so a host whose sudo asks for a password gets it on stdin: with
    /// <c>sudo -n</c> the kill failed there, and the command ran on after a cancel.
    /// </summary>
    public static RemoteCommand KillCommand(int pid, bool become)
    {
        var id = pid.ToString(CultureInfo.InvariantCulture);
        var script = $"pkill -KILL -s {id} 2>/dev/null || kill -KILL -- -{id} 2>/dev/null; true";
        return new RemoteCommand(script, become, null, []);
    }

    private static string SudoPrefix(bool password, string? user) =>
        (password ? "sudo -S -p '' " : "sudo -n ") + User(user);

    /// <summary>sudo's '-u USER ' (the user quoted as one word), or nothing for root.</summary>
    private static string User(string? user) =>
        user is null or "" or "root" ? string.Empty : "-u " + ShellQuote.Quote(user) + " ";

    private static string Seconds(TimeSpan timeout) =>
        Math.Max(1, (long)Math.Ceiling(timeout.TotalSeconds)).ToString(CultureInfo.InvariantCulture);

    private static bool IsValidName(string name) =>
        name.Length > 0 && !char.IsAsciiDigit(name[0]) && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_');
}
