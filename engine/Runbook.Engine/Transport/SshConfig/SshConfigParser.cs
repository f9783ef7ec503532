using System.Globalization;
using Runbook.Diagnostics;

namespace Runbook.Transport.SshConfig;

/// <summary>
/// Reads ssh_config files and checks every line the way readconf.c does, whichever host it will be used for: the
/// syntax, the values of the keywords Runbook applies, and <c>Include</c>s (globs; relative to <c>~/.ssh</c> in user
/// files and <c>/etc/ssh</c> in the system file; at most 16 deep). Problems are diagnostics at file:line:column.
/// </summary>
internal sealed partial class SshConfigParser(SshConfigEnvironment environment, DiagnosticBag diagnostics)
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
            "serveralivecountmax" => Single(line) && Count(line),
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

    /// <summary>atoi_err: a whole number from 0 to 2147483647 (signed), as ssh reads ServerAliveCountMax.</summary>
    private bool Count(SshConfigLine line)
    {
        var text = line.Arg(0);
        var digits = text.Length > 0 && text[0] is '+' or '-' ? text[1..] : text;
        string? error = null;
        if (digits.Length == 0 || !digits.All(char.IsAsciiDigit))
            error = "invalid";
        else if (text[0] == '-' && digits.Any(c => c != '0'))
            error = "too small";
        else if (digits.TrimStart('0').Length > 10 || long.Parse(digits, CultureInfo.InvariantCulture) > int.MaxValue)
            error = "too large";
        if (error is null)
            return Set(line, (int)long.Parse(digits, CultureInfo.InvariantCulture));
        diagnostics.Error(
            Codes.SshConfigValue,
            line.ArgSpan(0),
            $"bad number '{text}' for {line.Written}: integer value {error}",
            "write a whole number, like 3"
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
}
