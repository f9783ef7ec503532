using Runbook.Diagnostics;

namespace Runbook.Model;

/// <summary>An expectation on stdout or stderr. Equals compares the trimmed output.</summary>
public sealed record OutputMatcher(MatchKind Kind, string Value, SourceSpan Span)
{
    public override string ToString() =>
        Kind switch
        {
            MatchKind.Equals => $"equals \"{Value}\"",
            MatchKind.Contains => $"contains \"{Value}\"",
            _ => $"matches /{Value}/",
        };
}
