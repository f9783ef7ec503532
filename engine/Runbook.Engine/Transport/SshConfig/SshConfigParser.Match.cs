using Runbook.Diagnostics;

namespace Runbook.Transport.SshConfig;

// Match criteria and Include, which decide what else is read.
internal sealed partial class SshConfigParser
{
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
