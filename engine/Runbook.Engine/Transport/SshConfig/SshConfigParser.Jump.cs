using Runbook.Diagnostics;

namespace Runbook.Transport.SshConfig;

// ProxyJump values: jump chains, user@host:port hops and ssh:// URIs.
internal sealed partial class SshConfigParser
{
    private bool Jump(SshConfigLine line)
    {
        var text = line.Tokens.Rest.TrimStart(' ', '\t', '=');
        if (ParseJump(text) is { } spec)
            return Set(line, spec);
        var span = line.Span with { Column = line.Tokens.RestColumn, Length = text.Length };
        diagnostics.Error(
            Codes.SshConfigValue,
            span,
            $"bad ProxyJump '{text}'",
            "write [user@]host[:port] hops separated by commas, or none"
        );
        return false;
    }

    /// <summary>
    /// parse_jump: the hops of a ProxyJump (checked from the last to the first, as ssh); null when malformed.
    /// </summary>
    internal static ProxyJumpSpec? ParseJump(string text)
    {
        if (text.Equals("none", StringComparison.OrdinalIgnoreCase))
            return new ProxyJumpSpec(true, [], null, "none");
        var stripped = text;
        var hash = stripped.IndexOf('#', StringComparison.Ordinal);
        if (hash >= 0)
            stripped = stripped[..hash];
        stripped = stripped.TrimEnd(' ', '\t', '\r', '\n');
        var hops = new List<ProxyJumpHop>();
        foreach (var part in stripped.Split(','))
        {
            if (ParseHop(part) is not { } hop)
                return null;
            hops.Add(hop);
        }

        var lastComma = text.LastIndexOf(',');
        var extra = lastComma > 0 ? text[..lastComma] : null;
        var last = hops[^1];
        return new ProxyJumpSpec(false, hops, extra, (extra is null ? "" : extra + ",") + last);
    }

    private static ProxyJumpHop? ParseHop(string text)
    {
        if (text.StartsWith("ssh://", StringComparison.Ordinal))
            return ParseUri(text["ssh://".Length..]);
        string? user = null;
        var at = text.LastIndexOf('@');
        if (at >= 0)
        {
            if (at == 0)
                return null;
            user = text[..at];
            text = text[(at + 1)..];
        }

        var (host, rest) = SplitHostPort(text);
        if (string.IsNullOrEmpty(host))
            return null;
        int? port = null;
        if (!string.IsNullOrEmpty(rest))
        {
            if (ParsePort(rest) is not { } p)
                return null;
            port = p;
        }

        return new ProxyJumpHop(host, user, port);
    }

    private static ProxyJumpHop? ParseUri(string text)
    {
        string? user = null;
        var at = text.IndexOf('@', StringComparison.Ordinal);
        if (at >= 0)
        {
            var info = text[..at];
            var semicolon = info.IndexOf(';', StringComparison.Ordinal);
            if (semicolon >= 0)
                info = info[..semicolon];
            if (info.Length == 0)
                return null;
            user = Uri.UnescapeDataString(info);
            text = text[(at + 1)..];
        }

        var (host, rest, delimiter) = SplitHostPort2(text);
        if (string.IsNullOrEmpty(host))
            return null;
        if (!host.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_'))
            return null;
        int? port = null;
        if (!string.IsNullOrEmpty(rest))
        {
            if (delimiter != ':')
                return null; // a path is not allowed
            var slash = rest.IndexOf('/', StringComparison.Ordinal);
            if (ParsePort(slash >= 0 ? rest[..slash] : rest) is not { } p)
                return null;
            if (slash >= 0 && slash < rest.Length - 1)
                return null;
            port = p;
        }

        return new ProxyJumpHop(host, user, port);
    }

    /// <summary>hpdelim: host (brackets removed) and what follows a ':' or '/'.</summary>
    private static (string? Host, string? After) SplitHostPort(string text)
    {
        var (host, rest, _) = SplitHostPort2(text);
        return (host, rest);
    }

    private static (string? Host, string? After, char Delimiter) SplitHostPort2(string text)
    {
        int end;
        if (text.StartsWith('['))
        {
            var close = text.IndexOf(']', StringComparison.Ordinal);
            if (close < 0)
                return (null, null, '\0');
            end = close + 1;
            if (end < text.Length && text[end] is not (':' or '/'))
                return (null, null, '\0');
        }
        else
        {
            end = text.IndexOfAny([':', '/']);
            if (end < 0)
                end = text.Length;
        }

        var host = text[..end];
        if (host.Length > 1 && host[0] == '[' && host[^1] == ']')
            host = host[1..^1];
        return end < text.Length ? (host, text[(end + 1)..], text[end]) : (host, null, '\0');
    }
}
