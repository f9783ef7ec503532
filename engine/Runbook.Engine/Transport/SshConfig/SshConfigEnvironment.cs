using System.Globalization;

namespace Runbook.Transport.SshConfig;

/// <summary>
/// What ssh reads from the machine while resolving a host: the home directory (for <c>~</c> and <c>%d</c>), the
/// local user name (the default remote user, <c>%u</c>), environment variables (<c>${VAR}</c>,
/// <c>SSH_AUTH_SOCK</c>), the machine's name (<c>%l</c>, <c>%L</c>) and the user id (<c>%i</c>). Injectable, so
/// tests pin them.
/// </summary>
internal sealed record SshConfigEnvironment(string Home, string LocalUser, Func<string, string?> Variables)
{
    public string ThisHost { get; init; } = System.Net.Dns.GetHostName();

    public string UserId { get; init; } = CurrentUserId();

    /// <summary>
    /// The process's own user: <paramref name="home"/> and <paramref name="user"/> default to the OS's.
    /// </summary>
    public static SshConfigEnvironment ForCurrentUser(
        Func<string, string?> variables,
        string? home = null,
        string? user = null
    ) =>
        new(
            home ?? Environment.GetFolderPath(Environment.SpecialFolder.UserProfile),
            user ?? variables("USER") ?? Environment.UserName,
            variables
        );

    /// <summary>The real user id from /proc (there is no managed getuid); "0" where /proc is missing.</summary>
    private static string CurrentUserId()
    {
        try
        {
            var line = File.ReadLines("/proc/self/status")
                .FirstOrDefault(l => l.StartsWith("Uid:", StringComparison.Ordinal));
            var fields = line?.Split((char[])['\t', ' '], StringSplitOptions.RemoveEmptyEntries);
            var numeric =
                fields is { Length: > 1 }
                && long.TryParse(fields[1], NumberStyles.None, CultureInfo.InvariantCulture, out _);
            return numeric ? fields![1] : "0";
        }
        catch (IOException)
        {
            return "0";
        }
        catch (UnauthorizedAccessException)
        {
            return "0";
        }
    }
}

/// <summary>Which ssh_config files to read, as ssh chooses them.</summary>
public sealed record SshConfigSource
{
    private SshConfigSource(string? file, bool none)
    {
        FilePath = file;
        IsNone = none;
    }

    /// <summary><c>ssh</c> without <c>-F</c>: <c>~/.ssh/config</c>, then <c>/etc/ssh/ssh_config</c>.</summary>
    public static SshConfigSource Default { get; } = new(null, false);

    /// <summary>Nothing is read (<c>ssh -F none</c>): hosts are resolved from the explicit settings alone.</summary>
    public static SshConfigSource None { get; } = new(null, true);

    /// <summary>The system-wide file read after the user's (replaceable for tests).</summary>
    public string SystemFile { get; init; } = "/etc/ssh/ssh_config";

    /// <summary>The file given with <c>-F</c> (or <c>--ssh-config</c>), or null.</summary>
    public string? FilePath { get; }

    public bool IsNone { get; }

    /// <summary><c>ssh -F FILE</c>: only that file, which must exist; <c>none</c> reads nothing.</summary>
    public static SshConfigSource File(string path) =>
        string.Equals(path, "none", StringComparison.OrdinalIgnoreCase) ? None : new(path, false);

    public override string ToString() => IsNone ? "none" : FilePath ?? $"~/.ssh/config, {SystemFile}";
}
