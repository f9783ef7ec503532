namespace Runbook.Selectors;

/// <summary>
/// Shell-style globs with '*' and '?', matched without allocation: host selectors, and known_hosts patterns (which
/// OpenSSH matches case-insensitively).
/// </summary>
internal static class Glob
{
    public static bool IsMatch(string pattern, string text, bool ignoreCase = false)
    {
        if (pattern.AsSpan().IndexOfAny('*', '?') < 0)
            return string.Equals(
                pattern,
                text,
                ignoreCase ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal
            );
        int p = 0,
            t = 0,
            star = -1,
            mark = 0;
        while (t < text.Length)
        {
            if (p < pattern.Length && (pattern[p] == '?' || Same(pattern[p], text[t], ignoreCase)))
            {
                p++;
                t++;
            }
            else if (p < pattern.Length && pattern[p] == '*')
            {
                star = p++;
                mark = t;
            }
            else if (star >= 0)
            {
                p = star + 1;
                t = ++mark;
            }
            else
            {
                return false;
            }
        }

        while (p < pattern.Length && pattern[p] == '*')
            p++;
        return p == pattern.Length;
    }

    private static bool Same(char a, char b, bool ignoreCase) =>
        a == b || ignoreCase && char.ToLowerInvariant(a) == char.ToLowerInvariant(b);
}
