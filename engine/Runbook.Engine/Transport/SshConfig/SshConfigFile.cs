using Runbook.Diagnostics;

namespace Runbook.Transport.SshConfig;

/// <summary>One parsed ssh_config file, its Includes already read (they do not depend on the host).</summary>
internal sealed record SshConfigFile(string Path, IReadOnlyList<SshConfigLine> Lines);

/// <summary>One criterion of a <c>Match</c> line: <c>host</c>, <c>!user</c>, <c>all</c>, …</summary>
internal sealed record MatchCriterion(string Attribute, bool Negated, string? Argument, SshConfigToken Token);

/// <summary>One hop of a ProxyJump as written, parsed.</summary>
internal sealed record ProxyJumpSpec(bool IsNone, IReadOnlyList<ProxyJumpHop> Hops, string? Extra, string Text);

/// <summary>
/// One keyword line of an ssh_config file, checked when read (as ssh checks every line, whichever host it is for):
/// its canonical keyword, its use, its parsed value. A line with an error is kept out of resolution.
/// </summary>
internal sealed class SshConfigLine(string keyword, SshKeywordUse? use, SshConfigTokens tokens, SourceSpan span)
{
    /// <summary>Lowercase, aliases resolved (identityfile2 → identityfile).</summary>
    public string Keyword { get; } = keyword;

    /// <summary>Null when OpenSSH does not know the keyword (an error unless IgnoreUnknown names it).</summary>
    public SshKeywordUse? Use { get; } = use;

    public SshConfigTokens Tokens { get; } = tokens;

    /// <summary>The keyword's position.</summary>
    public SourceSpan Span { get; } = span;

    public string Written => Tokens.Keyword.Text;

    public object? Value { get; set; }

    public bool HasError { get; set; }

    public List<MatchCriterion> Criteria { get; } = [];

    public List<SshConfigFile> Included { get; } = [];

    public SourceSpan ArgSpan(int index) => index < Tokens.Args.Count ? TokenSpan(Tokens.Args[index]) : Span;

    public SourceSpan TokenSpan(SshConfigToken token) =>
        Span with
        {
            Column = token.Column,
            Length = Math.Max(1, token.Length),
        };

    public string Arg(int index) => Tokens.Args[index].Text;
}
