using System.Globalization;
using Runbook.Templating;

namespace Runbook.Steps.Files;

/// <summary>
/// What a host says about a path (<see cref="ProbeScript"/>): a regular file with its SHA-256, mode, owner and group;
/// a directory; something else; or nothing.
/// </summary>
internal sealed record RemoteFile(
    string Kind,
    string? Sha256 = null,
    string? Mode = null,
    string? Owner = null,
    string? Group = null,
    string? Uid = null,
    string? Gid = null
)
{
    public const string File = "file";
    public const string Directory = "directory";
    public const string Missing = "missing";
    public const string Other = "other";

    /// <summary>
    /// Prints "file", its SHA-256, then "MODE OWNER GROUP UID GID" (stat's %a %U %G %u %g); or "directory", "other"
    /// or "missing".
    /// Exits 3 when the file cannot be read (no sudo for a root-only file), so that is not taken for a change.
    /// </summary>
    public static string ProbeScript(string path) =>
        $"f={ShellQuote.Quote(path)}; "
        + "if [ -d \"$f\" ]; then echo directory; "
        + "elif [ -f \"$f\" ]; then h=$(sha256sum < \"$f\") || exit 3; echo file; echo \"${h%% *}\"; "
        + "stat -c '%a %U %G %u %g' \"$f\"; "
        + "elif [ -e \"$f\" ] || [ -L \"$f\" ]; then echo other; else echo missing; fi";

    public static RemoteFile? Parse(string stdout)
    {
        var lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (lines.Length == 0)
            return null;
        if (lines[0] != File)
            return lines[0] is Directory or Missing or Other ? new RemoteFile(lines[0]) : null;
        if (lines.Length < 3)
            return null;
        var attrs = lines[2].Split(' ');
        return attrs.Length == 5
            ? new RemoteFile(File, lines[1], attrs[0], attrs[1], attrs[2], attrs[3], attrs[4])
            : null;
    }

    /// <summary>Whether this is the file an upload would write: same bytes, and the mode, owner and group the step
    /// names (those it leaves open are not compared).</summary>
    public bool Matches(FileDigest digest, FilePlacement place) =>
        Kind == File
        && Sha256 == digest.Sha256
        && (place.Mode is null || SameMode(place.Mode, Mode))
        && (place.Owner is null || place.Owner == Owner || place.Owner == Uid)
        && (place.Group is null || place.Group == Group || place.Group == Gid);

    private static bool SameMode(string wanted, string? actual) =>
        actual is not null
        && int.TryParse(actual, NumberStyles.None, CultureInfo.InvariantCulture, out _)
        && Convert.ToInt32(wanted, 8) == Convert.ToInt32(actual, 8);
}
