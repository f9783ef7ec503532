using System.Collections.Immutable;

namespace Runbook.Templating;

/// <summary>How the shell reads the text around an interpolated value at one level of shell.</summary>
internal enum ShellQuoting
{
    /// <summary>Outside quotes: the value is printed as one single-quoted word.</summary>
    Plain,

    /// <summary>Inside '…': a quote in the value is printed as '\'' (close, escaped quote, reopen).</summary>
    Single,

    /// <summary>Inside "…": $, `, " and \ in the value are escaped with a backslash.</summary>
    Double,
}

/// <summary>
/// Where one interpolation sits in a command: the quoting at each shell level that reads it, outermost first (more
/// than one when the value is inside the script of a nested shell, as in <c>bash -c '…'</c>), or the place Runbook
/// cannot quote for (a comment, a here-document, <c>$'…'</c>, <c>${…}</c>, backquotes).
/// </summary>
internal sealed record ShellPlace(ImmutableArray<ShellQuoting> Levels, string? Unsupported = null)
{
    public static readonly ShellPlace Plain = new([ShellQuoting.Plain]);

    public bool Nested => Levels.Length > 1;

    /// <summary>
    /// The place one shell level deeper than the engine can see, for <c>| shell_quote_nested</c> there.
    /// </summary>
    public ShellPlace OneMoreLevel() => this with { Levels = Levels.Add(ShellQuoting.Plain) };

    /// <summary>The words the diagnostics use for the innermost quoting.</summary>
    public string Describe() =>
        Unsupported
        ?? (Nested ? "the script of a nested shell" : null)
        ?? Levels[0] switch
        {
            ShellQuoting.Single => "single quotes",
            ShellQuoting.Double => "double quotes",
            _ => "plain shell text",
        };
}
