using System.Text;

namespace Runbook.Templating;

/// <summary>
/// A value encoded for its <see cref="ShellPlace"/>: for the innermost shell first, then that text for each shell
/// around it, so every shell that reads the command gets back exactly the value, as one piece of one word.
/// </summary>
internal static class ShellEncoding
{
    /// <summary>The text to print; <paramref name="shellWords"/> marks text that is shell words already (shjoin, a
    /// captured block), printed as it is where the innermost shell reads plain text.</summary>
    public static string Encode(string value, ShellPlace place, bool shellWords = false)
    {
        if (place.Unsupported is { } where)
        {
            throw new InvalidOperationException(
                $"a value cannot be quoted inside {where}; move the {{{{ }}}} out of it (see 'Quoting' in "
                    + "docs/language.md)"
            );
        }

        if (value.Length == 0)
            return value;
        var text = value;
        for (var level = place.Levels.Length - 1; level >= 0; level--)
        {
            var quoting = place.Levels[level];
            if (level == place.Levels.Length - 1 && shellWords && quoting == ShellQuoting.Plain)
                continue;
            text = quoting switch
            {
                ShellQuoting.Single => text.Replace("'", "'\\''", StringComparison.Ordinal),
                ShellQuoting.Double => EscapeDouble(text),
                _ => ShellQuote.Quote(text),
            };
        }

        return text;
    }

    /// <summary>Inside double quotes only $, `, " and \ are special (a backslash before them makes them
    /// literal).</summary>
    private static string EscapeDouble(string text)
    {
        if (text.AsSpan().IndexOfAny("$`\"\\") < 0)
            return text;
        var sb = new StringBuilder(text.Length + 8);
        foreach (var c in text)
        {
            if (c is '$' or '`' or '"' or '\\')
                sb.Append('\\');
            sb.Append(c);
        }

        return sb.ToString();
    }
}
