using System.Text;
using System.Text.RegularExpressions;

namespace Runbook.Transport.SshConfig;

/// <summary>
/// glob(3) with GLOB_TILDE, as OpenSSH expands an <c>Include</c>: <c>~</c>, and <c>*</c>, <c>?</c> and <c>[…]</c> in
/// any path component; names starting with a dot only match a pattern that starts with one; existing paths only,
/// sorted.
/// </summary>
internal static class SshGlob
{
    public static List<string> Expand(string pattern, string home)
    {
        if (pattern == "~" || pattern.StartsWith("~/", StringComparison.Ordinal))
        {
            pattern = home.TrimEnd('/') + pattern[1..];
        }
        var absolute = pattern.StartsWith('/');
        var parts = pattern.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var current = new List<string> { absolute ? "/" : "." };
        foreach (var part in parts)
        {
            var next = new List<string>();
            foreach (var dir in current)
            {
                if (!IsPattern(part))
                {
                    next.Add(Path.Combine(dir, part));
                    continue;
                }

                if (!Directory.Exists(dir))
                    continue;
                var regex = ToRegex(part);
                IEnumerable<string> names;
                try
                {
                    names = Directory
                        .EnumerateFileSystemEntries(dir)
                        .Select(Path.GetFileName)
                        .OfType<string>()
                        .ToList();
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                {
                    continue;
                }

                foreach (var name in names.Order(StringComparer.Ordinal))
                {
                    if (name.StartsWith('.') && !part.StartsWith('.'))
                        continue;
                    if (regex.IsMatch(name))
                        next.Add(Path.Combine(dir, name));
                }
            }

            current = next;
        }

        return current
            .Where(p => File.Exists(p) || Directory.Exists(p))
            .Select(p => absolute ? p : Path.GetRelativePath(".", p))
            .ToList();
    }

    private static bool IsPattern(string part) => part.IndexOfAny(['*', '?', '[']) >= 0;

    private static Regex ToRegex(string part)
    {
        var sb = new StringBuilder("^");
        for (var i = 0; i < part.Length; i++)
        {
            var c = part[i];
            switch (c)
            {
                case '*':
                    sb.Append(".*");
                    break;
                case '?':
                    sb.Append('.');
                    break;
                case '[' when part.IndexOf(']', i + 2) is var close and > 0:
                    var set = part[(i + 1)..close];
                    var negate = set.StartsWith('!') || set.StartsWith('^');
                    if (negate)
                        set = set[1..];
                    sb.Append('[')
                        .Append(negate ? "^" : "")
                        .Append(set.Replace("\\", "\\\\", StringComparison.Ordinal))
                        .Append(']');
                    i = close;
                    break;
                case '\\' when i + 1 < part.Length:
                    sb.Append(Regex.Escape(part[++i].ToString()));
                    break;
                default:
                    sb.Append(Regex.Escape(c.ToString()));
                    break;
            }
        }

        return new Regex(sb.Append('$').ToString(), RegexOptions.CultureInvariant | RegexOptions.Singleline);
    }
}
