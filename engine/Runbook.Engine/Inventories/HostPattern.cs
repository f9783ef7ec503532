using System.Text.RegularExpressions;
using Runbook.Diagnostics;

namespace Runbook.Inventories;

/// <summary>
/// Ansible host patterns, as written in both Ansible formats: 'web[01:03].example.com' stands for three hosts, and a
/// trailing ':2222' gives them a port. A colon that is not the only one outside brackets (an IPv6 address) is no port;
/// an IPv6 address takes a port in brackets, '[2001:db8::1]:2222', as in Ansible's parse_address.
/// </summary>
internal static partial class HostPattern
{
    /// <summary>The most hosts one pattern may stand for: a typo like web[1:100000] should not make 100000 hosts.</summary>
    public const int MaxHosts = 10_000;

    public static HostPatternResult? Expand(string pattern, SourceSpan span, DiagnosticBag diagnostics)
    {
        if (BracketedHostPort().Match(pattern) is { Success: true } bracketed)
        {
            var portText = bracketed.Groups["port"];
            var portSpan = span.WithOffset(portText.Index, portText.Length);
            var bracketedPort = PortNumber.Parse(portText.Value, portSpan, "the port", diagnostics);
            if (bracketedPort is null)
                return null;
            var inner = bracketed.Groups["host"].Value;
            var innerNames = inner.Contains(':', StringComparison.Ordinal)
                ? [inner]
                : Ranges(inner, span.WithOffset(1, inner.Length), diagnostics);
            return innerNames is null ? null : new HostPatternResult(innerNames, bracketedPort);
        }

        var portColon = PortColon(pattern);
        int? port = null;
        if (portColon >= 0)
        {
            var text = pattern[(portColon + 1)..];
            port = PortNumber.Parse(text, span.WithOffset(portColon + 1, text.Length), "the port", diagnostics);
            if (port is null)
                return null;
            pattern = pattern[..portColon];
        }

        var names = Ranges(pattern, span, diagnostics);
        return names is null ? null : new HostPatternResult(names, port);
    }

    private static List<string>? Ranges(string pattern, SourceSpan span, DiagnosticBag diagnostics)
    {
        var names = new List<string> { string.Empty };
        var i = 0;
        while (i < pattern.Length)
        {
            var open = pattern.IndexOf('[', i);
            var literal = open < 0 ? pattern[i..] : pattern[i..open];
            names = names.ConvertAll(name => name + literal);
            if (open < 0)
                break;

            var close = pattern.IndexOf(']', open);
            if (close < 0)
            {
                diagnostics.Error(
                    Codes.BadHostRange,
                    span.WithOffset(open, pattern.Length - open),
                    $"the range in '{pattern}' has no closing ']'"
                );
                return null;
            }

            var rangeSpan = span.WithOffset(open, close - open + 1);
            if (HostRange.Expand(pattern[(open + 1)..close], rangeSpan, diagnostics) is not { } values)
                return null;
            if ((long)names.Count * values.Count > MaxHosts)
            {
                diagnostics.Error(
                    Codes.BadHostRange,
                    span,
                    $"'{pattern}' stands for more than {MaxHosts:N0} hosts",
                    "split it into smaller ranges, or check for a typo"
                );
                return null;
            }

            names = [.. names.SelectMany(name => values.Select(value => name + value))];
            i = close + 1;
        }

        return names;
    }

    /// <summary>The index of the colon before a port: the only colon outside brackets, followed by digits only.</summary>
    private static int PortColon(string pattern)
    {
        var depth = 0;
        var colon = -1;
        for (var i = 0; i < pattern.Length; i++)
        {
            switch (pattern[i])
            {
                case '[':
                    depth++;
                    break;
                case ']':
                    depth = Math.Max(0, depth - 1);
                    break;
                case ':' when depth == 0:
                    if (colon >= 0)
                        return -1;
                    colon = i;
                    break;
            }
        }

        var digits =
            colon >= 0 && colon < pattern.Length - 1 && pattern.AsSpan(colon + 1).IndexOfAnyExceptInRange('0', '9') < 0;
        return digits ? colon : -1;
    }

    [GeneratedRegex(@"^\[(?<host>.+)\]:(?<port>[0-9]+)$")]
    private static partial Regex BracketedHostPort();
}
