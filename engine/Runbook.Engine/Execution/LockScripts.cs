using Runbook.Templating;

namespace Runbook.Execution;

/// <summary>
/// The POSIX sh a cluster lock runs on its host. Taking it is one mkdir, which is atomic: of two runs, one makes the
/// directory and the other finds it there. The first line of output says what happened ("runbook-lock: taken", "held",
/// "released", "other", "free", "gone"); after "held" and "other" come the owner file's lines. Exit 3: the lock path
/// could not be made or removed, with why.
/// </summary>
internal static class LockScripts
{
    public const string Prefix = "runbook-lock: ";

    public static string Take(string directory, string path, IEnumerable<string> owner) =>
        $"d={Q(directory)}; l={Q(path)}\n"
        + "if ! err=$(mkdir -p -- \"$d\" 2>&1); then\n"
        + "  printf 'runbook-lock: cannot create %s: %s\\n' \"$d\" \"$err\"; exit 3\n"
        + "fi\n"
        + "if err=$(mkdir -- \"$l\" 2>&1); then\n"
        + $"  if ! printf '%s\\n' {string.Join(' ', owner.Select(Q))} > \"$l/owner\"; then\n"
        + "    rmdir -- \"$l\"; printf 'runbook-lock: cannot write %s/owner\\n' \"$l\"; exit 3\n"
        + "  fi\n"
        + "  echo 'runbook-lock: taken'; exit 0\n"
        + "fi\n"
        + "if [ -d \"$l\" ]; then echo 'runbook-lock: held'; cat -- \"$l/owner\" 2>/dev/null; exit 0; fi\n"
        + "printf 'runbook-lock: cannot create %s: %s\\n' \"$l\" \"$err\"; exit 3\n";

    /// <summary>Removes the lock only if <paramref name="runId"/> holds it, so a run never frees another's.</summary>
    public static string Release(string path, string runId) =>
        $"l={Q(path)}\n"
        + "if [ ! -d \"$l\" ]; then echo 'runbook-lock: gone'; exit 0; fi\n"
        + $"if grep -qxF -- {Q("run=" + runId)} \"$l/owner\" 2>/dev/null; then\n"
        + "  if rm -f -- \"$l/owner\" && rmdir -- \"$l\"; then echo 'runbook-lock: released'; exit 0; fi\n"
        + "  exit 3\n"
        + "fi\n"
        + "echo 'runbook-lock: other'; cat -- \"$l/owner\" 2>/dev/null; exit 0\n";

    public static string Read(string path) =>
        $"l={Q(path)}\n"
        + "if [ -d \"$l\" ]; then echo 'runbook-lock: held'; cat -- \"$l/owner\" 2>/dev/null; "
        + "else echo 'runbook-lock: free'; fi\n";

    /// <summary>Removes the lock whoever holds it (unlock).</summary>
    public static string Remove(string path) =>
        $"l={Q(path)}\n"
        + "if [ ! -d \"$l\" ]; then echo 'runbook-lock: gone'; exit 0; fi\n"
        + "rm -f -- \"$l/owner\" && rmdir -- \"$l\" && echo 'runbook-lock: released'\n";

    /// <summary>The first line's word and the lines after it.</summary>
    public static (string Word, string[] Lines) Parse(string stdout)
    {
        var lines = stdout.Replace("\r", string.Empty, StringComparison.Ordinal).Split('\n');
        var first = lines[0].StartsWith(Prefix, StringComparison.Ordinal) ? lines[0][Prefix.Length..] : string.Empty;
        return (first, lines[1..]);
    }

    private static string Q(string s) => ShellQuote.Quote(s);
}
