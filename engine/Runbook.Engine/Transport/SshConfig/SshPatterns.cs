namespace Runbook.Transport.SshConfig;

/// <summary>
/// OpenSSH's pattern matching (match.c), so that a <c>Host</c> or <c>Match</c> line selects exactly the hosts
/// <c>ssh</c> would: <c>*</c> and <c>?</c> globs, comma-separated lists with <c>!</c> negation.
/// </summary>
internal static class SshPatterns
{
    /// <summary>match_pattern: one glob, case-sensitive, no lists.</summary>
    public static bool Matches(string text, string pattern) => Matches(text.AsSpan(), pattern.AsSpan());

    private static bool Matches(ReadOnlySpan<char> s, ReadOnlySpan<char> p)
    {
        while (true)
        {
            if (p.IsEmpty)
                return s.IsEmpty;
            if (p[0] == '*')
            {
                while (!p.IsEmpty && p[0] == '*')
                    p = p[1..];
                if (p.IsEmpty)
                    return true;
                // What is left of the pattern is not empty, so it cannot match the empty rest of the text.
                for (var i = 0; i < s.Length; i++)
                {
                    if (Matches(s[i..], p))
                        return true;
                }

                return false;
            }

            if (s.IsEmpty)
                return false;
            if (p[0] != '?' && p[0] != s[0])
                return false;
            s = s[1..];
            p = p[1..];
        }
    }

    /// <summary>
    /// match_pattern_list: 1 when a positive sub-pattern matches and no negated one does, -1 when a negated one
    /// matches, 0 otherwise. <paramref name="lowercasePattern"/> lowercases the patterns (not the text), as OpenSSH.
    /// </summary>
    public static int MatchList(string text, string patterns, bool lowercasePattern)
    {
        var positive = 0;
        foreach (var raw in patterns.Split(','))
        {
            var negated = raw.StartsWith('!');
            var sub = negated ? raw[1..] : raw;
            if (lowercasePattern)
                sub = sub.ToLowerInvariant();
            if (!Matches(text, sub))
                continue;
            if (negated)
                return -1;
            positive = 1;
        }

        return positive;
    }

    /// <summary>match_hostname: the host lowercased against a lowercased pattern list; true only for 1.</summary>
    public static bool MatchesHostname(string host, string patterns) =>
        MatchList(host.ToLowerInvariant(), patterns, lowercasePattern: true) == 1;
}
