using System.Globalization;
using Runbook.Diagnostics;

namespace Runbook.Transport.SshConfig;

/// <summary>
/// Reads ssh_config files and checks every line the way readconf.c does, whichever host it will be used for: the
/// syntax, the values of the keywords Runbook applies, and <c>Include</c>s (globs; relative to <c>~/.ssh</c> in user
/// files and <c>/etc/ssh</c> in the system file; at most 16 deep). Problems are diagnostics at file:line:column.
/// </summary>
internal sealed class SshConfigParser(SshConfigEnvironment environment, DiagnosticBag diagnostics)
{
    private const int MaxDepth = 16;
    private bool _tooDeep;

    /// <summary>A top-level file; null when it does not exist (an error when <paramref name="required"/>).</summary>
    public SshConfigFile? ReadTop(string path, bool userConfig, bool checkPermissions, bool required)
    {
        if (!File.Exists(path))
        {
            if (required)
            {
                var message = $"ssh_config file {path} does not exist";
                diagnostics.Error(Codes.SshConfigInclude, SourceSpan.None(path), message);
            }

            return null;
        }

        return Read(path, userConfig, checkPermissions, 0, null);
    }

    private SshConfigFile? Read(string path, bool userConfig, bool checkPermissions, int depth, SourceSpan? from)
    {
        string text;
        try
        {
            if (Directory.Exists(path))
                return null; // ssh reads a directory as an empty file
            text = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            if (ex is FileNotFoundException or DirectoryNotFoundException)
                return null;
            var where = from ?? SourceSpan.None(path);
            diagnostics.Error(Codes.SshConfigInclude, where, $"cannot read ssh_config file {path}: {ex.Message}");
            return null;
        }

        var writableByOthers = UnixFileMode.GroupWrite | UnixFileMode.OtherWrite;
        if (checkPermissions && !OperatingSystem.IsWindows() && (File.GetUnixFileMode(path) & writableByOthers) != 0)
        {
            diagnostics.Error(
                Codes.SshConfigInclude,
                from ?? SourceSpan.None(path),
                $"bad permissions on {path}: it is writable by others, so ssh refuses it",
                $"chmod go-w {path}"
            );
            return null;
        }

        var lines = new List<SshConfigLine>();
        var number = 0;
        foreach (var raw in text.Split('\n'))
        {
            number++;
            var line = ParseLine(path, number, raw, userConfig, depth);
            if (line is not null)
                lines.Add(line);
        }

        return new SshConfigFile(path, lines);
    }

    private SshConfigLine? ParseLine(string path, int number, string raw, bool userConfig, int depth)
    {
        var (tokens, error, column) = SshConfigTokenizer.Split(raw);
        if (error is not null)
        {
            diagnostics.Error(Codes.SshConfigSyntax, new SourceSpan(path, number, column), error);
            return null;
        }

        if (tokens is null)
            return null;
        var written = tokens.Keyword.Text;
        var known = SshKeywords.Find(written.ToLowerInvariant());
        var span = new SourceSpan(path, number, tokens.Keyword.Column, tokens.Keyword.Length);
        var line = new SshConfigLine(known?.Keyword ?? written.ToLowerInvariant(), known?.Use, tokens, span);
        if (known is null)
            return line; // judged when resolving: IgnoreUnknown may name it

        var ok = line.Keyword switch
        {
            "host" => NonEmptyArgs(line, out _) && Set(line, line.Tokens.Args.Select(a => a.Text).ToArray()),
            "match" => ParseMatch(line),
            "include" => ParseInclude(line, userConfig, depth),
            "port" => Single(line) && Port(line),
            "identitiesonly" or "refuseconnection" => Single(line) && Choice(line, Flags),
            "stricthostkeychecking" => Single(line) && Choice(line, StrictValues),
            "canonicalizehostname" => Single(line) && Choice(line, CanonicalizeValues),
            "addressfamily" => Single(line) && Choice(line, AddressFamilies),
            "connecttimeout" or "serveraliveinterval" => Single(line) && Time(line),
            "userknownhostsfile" or "globalknownhostsfile" => FileList(line),
            "identityagent" => Single(line) && Agent(line),
            "proxyjump" => Jump(line),
            "proxycommand" or "knownhostscommand" => Set(line, line.Tokens.Rest.TrimStart(' ', '\t', '=')),
            "hostname"
            or "user"
            or "identityfile"
            or "hostkeyalias"
            or "certificatefile"
            or "revokedhostkeys"
            or "pkcs11provider"
            or "securitykeyprovider"
            or "bindaddress"
            or "bindinterface"
            or "ignoreunknown" => Single(line) && Set(line, line.Arg(0)),
            _ => true, // a keyword Runbook ignores: its value is OpenSSH's business
        };
        line.HasError = !ok;
        return line;
    }

    private static bool Set(SshConfigLine line, object value)
    {
        line.Value = value;
        return true;
    }

    private bool NonEmptyArgs(SshConfigLine line, out int count)
    {
        count = line.Tokens.Args.Count;
        for (var i = 0; i < count; i++)
        {
            if (line.Arg(i).Length > 0)
                continue;
            diagnostics.Error(Codes.SshConfigSyntax, line.ArgSpan(i), $"empty argument to {line.Written}");
            return false;
        }

        if (count > 0)
            return true;
        diagnostics.Error(Codes.SshConfigSyntax, line.Span, $"no argument after keyword '{line.Written}'");
        return false;
    }

    /// <summary>Exactly one non-empty argument, as every single-valued keyword takes.</summary>
    private bool Single(SshConfigLine line)
    {
        if (!NonEmptyArgs(line, out var count))
            return false;
        if (count == 1)
            return true;
        diagnostics.Error(
            Codes.SshConfigSyntax,
            line.ArgSpan(1),
            $"{line.Written} takes one value; '{line.Arg(1)}' is extra",
            "quote a value that holds spaces: \"a value\""
        );
        return false;
    }

    private static readonly Dictionary<string, object> Flags = new(StringComparer.OrdinalIgnoreCase)
    {
        ["yes"] = true,
        ["true"] = true,
        ["no"] = false,
        ["false"] = false,
    };

    private static readonly Dictionary<string, object> StrictValues = new(StringComparer.OrdinalIgnoreCase)
    {
        ["yes"] = StrictHostKeyChecking.Yes,
        ["true"] = StrictHostKeyChecking.Yes,
        ["no"] = StrictHostKeyChecking.No,
        ["false"] = StrictHostKeyChecking.No,
        ["off"] = StrictHostKeyChecking.No,
        ["ask"] = StrictHostKeyChecking.Ask,
        ["accept-new"] = StrictHostKeyChecking.AcceptNew,
    };

    private static readonly Dictionary<string, object> CanonicalizeValues = new(StringComparer.OrdinalIgnoreCase)
    {
        ["yes"] = 1,
        ["true"] = 1,
        ["no"] = 0,
        ["false"] = 0,
        ["always"] = 2,
    };

    private static readonly Dictionary<string, object> AddressFamilies = new(StringComparer.OrdinalIgnoreCase)
    {
        ["inet"] = "inet",
        ["inet6"] = "inet6",
        ["any"] = "any",
    };

    private bool Choice(SshConfigLine line, Dictionary<string, object> values)
    {
        if (values.TryGetValue(line.Arg(0), out var value))
            return Set(line, value);
        var allowed = string.Join(", ", values.Keys);
        diagnostics.Error(
            Codes.SshConfigValue,
            line.ArgSpan(0),
            $"{line.Written} cannot be '{line.Arg(0)}'",
            $"write one of: {allowed}"
        );
        return false;
    }

    private bool Port(SshConfigLine line)
    {
        if (ParsePort(line.Arg(0)) is { } port)
            return Set(line, port);
        diagnostics.Error(
            Codes.SshConfigValue,
            line.ArgSpan(0),
            $"bad port '{line.Arg(0)}'",
            "write a port number from 1 to 65535 or a service name from /etc/services"
        );
        return false;
    }

    /// <summary>a2port: a number from 1 to 65535, or a TCP service name from /etc/services.</summary>
    internal static int? ParsePort(string text)
    {
        var digits = text.StartsWith('+') ? text[1..] : text;
        if (digits.Length > 0 && digits.All(char.IsAsciiDigit))
        {
            var number = long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var n);
            return number && n is > 0 and <= 65535 ? (int)n : null;
        }

        return ServicePort(text);
    }

    private static int? ServicePort(string name)
    {
        try
        {
            foreach (var line in File.ReadLines("/etc/services"))
            {
                var fields = line.Split('#')[0].Split((char[])[' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
                if (fields.Length < 2 || !fields[1].EndsWith("/tcp", StringComparison.Ordinal))
                    continue;
                if (fields[0] != name && !fields.Skip(2).Contains(name))
                    continue;
                var digits = fields[1][..^4];
                var number = int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var port);
                return number && port > 0 ? port : null;
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // No services database: only numbers.
        }

        return null;
    }

    private bool Time(SshConfigLine line)
    {
        var text = line.Arg(0);
        if (text == "none")
            return Set(line, -1);
        if (ConvTime(text) is { } seconds)
            return Set(line, seconds);
        diagnostics.Error(
            Codes.SshConfigValue,
            line.ArgSpan(0),
            $"bad time '{text}' for {line.Written}",
            "write seconds (30), or a time like 90s, 5m, 1h30m, or none"
        );
        return false;
    }

    /// <summary>convtime: a sum of numbers with an optional unit each (s, m, h, d, w; any case).</summary>
    internal static int? ConvTime(string text)
    {
        if (text.Length == 0)
            return null;
        long total = 0;
        var i = 0;
        while (i < text.Length)
        {
            var start = i;
            while (i < text.Length && char.IsAsciiDigit(text[i]))
                i++;
            if (i == start)
                return null;
            if (!long.TryParse(text[start..i], NumberStyles.None, CultureInfo.InvariantCulture, out var n))
                return null;
            long multiplier = 1;
            if (i < text.Length)
            {
                multiplier = char.ToLowerInvariant(text[i]) switch
                {
                    's' => 1,
                    'm' => 60,
                    'h' => 3600,
                    'd' => 86400,
                    'w' => 604800,
                    _ => 0,
                };
                if (multiplier == 0)
                    return null;
                i++;
            }

            total += n * multiplier;
            if (total > int.MaxValue)
                return null;
        }

        return (int)total;
    }

    private bool FileList(SshConfigLine line)
    {
        if (!NonEmptyArgs(line, out var count))
            return false;
        for (var i = 0; i < count; i++)
        {
            if (!line.Arg(i).Equals("none", StringComparison.OrdinalIgnoreCase) || count == 1)
                continue;
            diagnostics.Error(Codes.SshConfigValue, line.ArgSpan(i), $"{line.Written} 'none' must appear alone");
            return false;
        }

        return Set(line, line.Tokens.Args.Select(a => a.Text).ToArray());
    }

    private bool Agent(SshConfigLine line)
    {
        var text = line.Arg(0);
        if (SshTokens.CheckVariables(text, environment.Variables) is { } problem)
        {
            diagnostics.Error(Codes.SshConfigValue, line.ArgSpan(0), $"IdentityAgent '{text}': {problem}");
            return false;
        }

        if (text.Length > 1 && text[0] == '$' && text[1] != '{' && !ValidEnvironmentName(text[1..]))
        {
            diagnostics.Error(
                Codes.SshConfigValue,
                line.ArgSpan(0),
                $"IdentityAgent '{text}' is not a valid environment variable name"
            );
            return false;
        }

        return Set(line, text);
    }

    private static bool ValidEnvironmentName(string name) =>
        name.Length > 0 && !char.IsAsciiDigit(name[0]) && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_');

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

    private static readonly string[] KnownCriteria = ["host", "originalhost", "user", "localuser", "exec"];

    /// <summary>Criteria of newer OpenSSH releases: accepted, warned about and not matched.</summary>
    private static readonly string[] NewerCriteria = ["localnetwork", "tagged", "version", "sessiontype", "command"];

    /// <summary>match_cfg_line's checks that do not depend on the host.</summary>
    private bool ParseMatch(SshConfigLine line)
    {
        var words = SshConfigTokenizer.MatchWords(line.Tokens.Rest, line.Tokens.RestColumn);
        var attributes = 0;
        for (var i = 0; i < words.Count; i++)
        {
            var word = words[i];
            var negated = word.Text.StartsWith('!');
            var attribute = (negated ? word.Text[1..] : word.Text).ToLowerInvariant();
            if (attribute == "all")
            {
                if (attributes > 1 || i + 1 < words.Count)
                {
                    diagnostics.Error(
                        Codes.SshConfigSyntax,
                        line.TokenSpan(word),
                        $"'{word.Text}' cannot be combined with other Match criteria"
                    );
                    return false;
                }

                line.Criteria.Add(new MatchCriterion("all", negated, null, word));
                return true;
            }

            attributes++;
            if (attribute is "canonical" or "final")
            {
                line.Criteria.Add(new MatchCriterion(attribute, negated, null, word));
                continue;
            }

            if (!KnownCriteria.Contains(attribute) && !NewerCriteria.Contains(attribute))
            {
                diagnostics.Error(
                    Codes.SshConfigSyntax,
                    line.TokenSpan(word),
                    $"unknown Match criterion '{word.Text}'",
                    "Match takes host, originalhost, user, localuser, exec, canonical, final or all"
                );
                return false;
            }

            if (i + 1 >= words.Count)
            {
                diagnostics.Error(
                    Codes.SshConfigSyntax,
                    line.TokenSpan(word),
                    $"Match {attribute} needs a value",
                    $"write Match {attribute} PATTERN"
                );
                return false;
            }

            line.Criteria.Add(new MatchCriterion(attribute, negated, words[++i].Text, word));
        }

        if (attributes > 0)
            return true;
        diagnostics.Error(
            Codes.SshConfigSyntax,
            line.Span,
            "Match needs a criterion",
            "write Match host PATTERN, Match all, …"
        );
        return false;
    }

    private bool ParseInclude(SshConfigLine line, bool userConfig, int depth)
    {
        if (!NonEmptyArgs(line, out var count))
            return false;
        for (var i = 0; i < count; i++)
        {
            var arg = line.Arg(i);
            if (arg.StartsWith('~') && !userConfig)
            {
                diagnostics.Error(
                    Codes.SshConfigInclude,
                    line.ArgSpan(i),
                    $"bad Include path {arg}: the system-wide file cannot include from a home directory"
                );
                return false;
            }

            var pattern =
                arg.StartsWith('/') || arg.StartsWith('~') ? arg : (userConfig ? "~/.ssh/" : "/etc/ssh/") + arg;
            foreach (var file in SshGlob.Expand(pattern, environment.Home))
            {
                if (depth + 1 > MaxDepth)
                {
                    if (!_tooDeep)
                    {
                        diagnostics.Error(
                            Codes.SshConfigInclude,
                            line.ArgSpan(i),
                            $"Includes nest more than {MaxDepth} deep (does a file include itself?)"
                        );
                    }

                    _tooDeep = true;
                    return false;
                }

                if (_tooDeep)
                    return false;
                var included = Read(file, userConfig, checkPermissions: true, depth + 1, line.ArgSpan(i));
                if (included is not null)
                    line.Included.Add(included);
            }
        }

        return true;
    }
}
