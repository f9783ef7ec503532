using System.Text.RegularExpressions;
using Runbook.Model;
using Runbook.Transport;

namespace Runbook.Execution;

/// <summary>Whether a command result meets a verify's expectation: exit code, then stdout and stderr matchers.</summary>
internal static class ExpectationMatcher
{
    public static bool Holds(Expectation expect, CommandResult result) =>
        !result.TimedOut
        && result.ExitCode == expect.Exit
        && Matches(expect.Stdout, result.Stdout)
        && Matches(expect.Stderr, result.Stderr);

    private static bool Matches(OutputMatcher? matcher, string output) =>
        matcher is null
        || matcher.Kind switch
        {
            MatchKind.Equals => output.Trim() == matcher.Value,
            MatchKind.Contains => output.Contains(matcher.Value, StringComparison.Ordinal),
            _ => Regex.IsMatch(
                output,
                matcher.Value,
                RegexOptions.CultureInvariant | RegexOptions.Multiline,
                TimeSpan.FromSeconds(1)
            ),
        };
}
