using System.Text.RegularExpressions;

namespace Runbook.Safety;

/// <summary>
/// What a shell command does to systemd units: 'systemctl stop|start|restart|kill UNIT…' found in its text, and a
/// reboot or power-off of the host.
/// </summary>
internal sealed partial record UnitAction(string Verb, string Unit)
{
    public bool Stops => Verb == "stop";

    public bool Starts => Verb is "start" or "restart" or "try-restart" or "reload-or-restart";

    /// <summary>Takes the unit (or the host) down for a while: a stop, a restart, a reboot.</summary>
    public bool Disrupts =>
        Verb is "stop" or "restart" or "try-restart" or "reload-or-restart" or "kill" or "reboot";

    public static IReadOnlyList<UnitAction> In(string? command)
    {
        if (string.IsNullOrEmpty(command))
            return [];
        var result = new List<UnitAction>();
        foreach (Match m in Systemctl().Matches(command))
        {
            foreach (var token in m.Groups["units"].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                if (token.StartsWith('-'))
                    continue;
                var unit = token.EndsWith(".service", StringComparison.Ordinal) ? token[..^".service".Length] : token;
                result.Add(new UnitAction(m.Groups["verb"].Value, unit));
            }
        }

        if (Reboot().IsMatch(command))
            result.Add(new UnitAction("reboot", "host"));
        return result;
    }

    [GeneratedRegex(
        @"\bsystemctl(?:\s+-{1,2}[\w=-]+)*\s+(?<verb>stop|start|restart|try-restart|reload-or-restart|kill)"
            + @"(?<units>(?:[ \t]+[^\s;&|<>()]+)+)",
        RegexOptions.CultureInvariant
    )]
    private static partial Regex Systemctl();

    [GeneratedRegex(
        @"(?:^\s*|[;&|(]\s*|\bsudo\s+)(?:reboot|poweroff|halt|shutdown)\b"
            + @"|\bsystemctl\s+(?:reboot|poweroff|halt|kexec)\b",
        RegexOptions.CultureInvariant | RegexOptions.Multiline
    )]
    private static partial Regex Reboot();
}
