using System.Text;
using Runbook.Diagnostics;

namespace Runbook.Inventories;

/// <summary>
/// Splits an INI host line into words the way Ansible does (Python's shlex in POSIX mode): whitespace separates words,
/// quotes group them, a backslash escapes the next character and '#' starts a comment.
/// </summary>
internal static class IniTokenizer
{
    /// <summary>The words of <paramref name="line"/> (trimmed, starting at <paramref name="span"/>), or null after reporting an unclosed quote.</summary>
    public static List<IniToken>? Split(string line, SourceSpan span, DiagnosticBag diagnostics)
    {
        var tokens = new List<IniToken>();
        var word = new StringBuilder();
        var start = -1;
        var i = 0;
        while (i < line.Length)
        {
            var c = line[i];
            if (char.IsWhiteSpace(c) || c == '#')
            {
                if (start >= 0)
                    tokens.Add(new IniToken(word.ToString(), start, i - start));
                word.Clear();
                start = -1;
                if (c == '#')
                    return tokens;
                i++;
                continue;
            }

            if (start < 0)
                start = i;
            if (c is '"' or '\'')
            {
                var close = Quoted(line, i, word);
                if (close < 0)
                {
                    diagnostics.Error(
                        Codes.InventorySyntax,
                        span.WithOffset(i, line.Length - i),
                        $"the quote ({c}) is never closed",
                        "close the quote, or escape it with a backslash"
                    );
                    return null;
                }

                i = close + 1;
            }
            else if (c == '\\' && i + 1 < line.Length)
            {
                word.Append(line[i + 1]);
                i += 2;
            }
            else
            {
                word.Append(c);
                i++;
            }
        }

        if (start >= 0)
            tokens.Add(new IniToken(word.ToString(), start, line.Length - start));
        return tokens;
    }

    /// <summary>Appends the text quoted from <paramref name="open"/> on; returns the index of the closing quote, or -1.</summary>
    private static int Quoted(string line, int open, StringBuilder word)
    {
        var quote = line[open];
        for (var i = open + 1; i < line.Length; i++)
        {
            var c = line[i];
            if (c == quote)
                return i;
            if (quote == '"' && c == '\\' && i + 1 < line.Length && line[i + 1] is '"' or '\\')
                c = line[++i];
            word.Append(c);
        }

        return -1;
    }
}
