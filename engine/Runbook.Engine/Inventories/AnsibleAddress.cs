using System.Text.RegularExpressions;

namespace Runbook.Inventories;

/// <summary>
/// Ansible's parse_address (parsing/utils/addresses.py) with ranges allowed: whether a text is one host identifier
/// (an IPv4 or IPv6 address or a host name, with [x:y] ranges and an optional :port). Host patterns use it to tell
/// 'web[1:3]' and '2001:db8::1' (one pattern) from 'web:db' (two).
/// </summary>
internal static partial class AnsibleAddress
{
    private const string NumericRange = @"\[(?:[0-9]+:[0-9]+)(?::[0-9]+)?\]";
    private const string HexRange = @"\[(?:[0-9a-f]+:[0-9a-f]+)(?::[0-9]+)?\]";
    private const string AlphanumericRange = @"\[(?:[a-z]:[a-z]|[0-9]+:[0-9]+)(?::[0-9]+)?\]";
    private const string Ipv6Part = "(?:[0-9a-f]{1,4}|" + HexRange + ")";
    private const string Ipv4Part = "(?:[01]?[0-9]{1,2}|2[0-4][0-9]|25[0-5]|" + NumericRange + ")";
    private const string Label = @"(?:[\w]|" + AlphanumericRange + @")(?:[\w_-]|" + AlphanumericRange + @")*(?<![_-])";

    private const string Ipv6 =
        "^(?:(?:"
        + Ipv6Part
        + ":){7}"
        + Ipv6Part
        + "|(?:"
        + Ipv6Part
        + ":){1,6}:"
        + "|(?:"
        + Ipv6Part
        + ":)(?::"
        + Ipv6Part
        + "){1,6}"
        + "|(?:"
        + Ipv6Part
        + ":){2}(?::"
        + Ipv6Part
        + "){1,5}"
        + "|(?:"
        + Ipv6Part
        + ":){3}(?::"
        + Ipv6Part
        + "){1,4}"
        + "|(?:"
        + Ipv6Part
        + ":){4}(?::"
        + Ipv6Part
        + "){1,3}"
        + "|(?:"
        + Ipv6Part
        + ":){5}(?::"
        + Ipv6Part
        + "){1,2}"
        + "|(?:"
        + Ipv6Part
        + ":){6}(?::"
        + Ipv6Part
        + ")"
        + "|:(?::"
        + Ipv6Part
        + "){1,6}"
        + "|"
        + Ipv6Part
        + "?::"
        + "|(?:0:){6}(?:"
        + Ipv6Part
        + @"\.){3}"
        + Ipv6Part
        + "|::(?:ffff:)?(?:"
        + Ipv6Part
        + @"\.){3}"
        + Ipv6Part
        + "|(?:0:){5}ffff:(?:"
        + Ipv6Part
        + @"\.){3}"
        + Ipv6Part
        + ")$";

    public static bool IsHost(string address)
    {
        var host = address;
        var m = BracketedHostPort().Match(host);
        if (m.Success)
            host = m.Groups[1].Value;
        m = HostPort().Match(host);
        if (m.Success)
            host = m.Groups[1].Value;
        return Ipv4Regex().IsMatch(host) || Ipv6Regex().IsMatch(host) || HostnameRegex().IsMatch(host);
    }

    [GeneratedRegex(@"^\[(.+)\]:([0-9]+)$")]
    private static partial Regex BracketedHostPort();

    [GeneratedRegex(@"^((?:[^:\[\]]|\[[^\]]*\])*):([0-9]+)$")]
    private static partial Regex HostPort();

    [GeneratedRegex("^(?:" + Ipv4Part + @"\.){3}" + Ipv4Part + "$", RegexOptions.IgnoreCase)]
    private static partial Regex Ipv4Regex();

    [GeneratedRegex(Ipv6, RegexOptions.IgnoreCase)]
    private static partial Regex Ipv6Regex();

    [GeneratedRegex("^" + Label + @"(?:\." + Label + ")*$", RegexOptions.IgnoreCase)]
    private static partial Regex HostnameRegex();
}
