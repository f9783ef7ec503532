namespace Runbook.Transport.SshConfig;

/// <summary>One word of an ssh_config line: its text with quotes and escapes removed, and its 1-based column.</summary>
internal readonly record struct SshConfigToken(string Text, int Column, int Length);

/// <summary>A tokenized ssh_config line: the keyword as written, the raw rest of the line, and its words.</summary>
internal sealed record SshConfigTokens(
    SshConfigToken Keyword,
    string Rest,
    int RestColumn,
    IReadOnlyList<SshConfigToken> Args
);

/// <summary>
/// Splits an ssh_config line exactly as OpenSSH's readconf.c does (<c>strdelim</c> for the keyword, then
/// <c>argv_split</c> for the arguments), keeping columns for diagnostics: <c>Keyword value</c>, <c>Keyword=value</c>
/// and <c>Keyword = value</c>; double or single quotes around an argument; backslash escapes of quotes, backslash
/// and space; a <c>#</c> at the start of a word ends the line.
/// </summary>
internal static class SshConfigTokenizer
{
    private const string Whitespace = " \t\r\n";

    /// <summary>Null for a blank or comment line; otherwise the tokens, or an error message and its column.</summary>
    public static (SshConfigTokens? Tokens, string? Error, int ErrorColumn) Split(string line)
    {
        // Trailing whitespace (and a form feed) is not part of the last argument.
        var end = line.Length;
        while (end > 1 && (Whitespace + "\f").Contains(line[end - 1], StringComparison.Ordinal))
            end--;
        line = line[..end];
        if (line.Length == 0)
            return (null, null, 0);

        var (keyword, keywordStart, next) = Delimit(line, 0);
        if (keyword is not null && keyword.Length == 0 && next is not null)
        {
            (keyword, keywordStart, next) = Delimit(line, next.Value);
        }

        if (keyword is null || keyword.Length == 0 || keyword[0] == '#')
            return (null, null, 0);
        var keywordToken = new SshConfigToken(keyword, keywordStart + 1, keyword.Length);
        var restStart = next ?? line.Length;
        while (restStart < line.Length && Whitespace.Contains(line[restStart], StringComparison.Ordinal))
            restStart++;
        if (restStart >= line.Length)
        {
            return (null, $"no argument after keyword '{keyword}'", keywordStart + 1);
        }

        var rest = line[restStart..];
        var (args, error, errorColumn) = SplitArguments(line, restStart);
        if (error is not null)
            return (null, error, errorColumn);
        return (new SshConfigTokens(keywordToken, rest, restStart + 1, args!), null, 0);
    }

    /// <summary>
    /// The words of <paramref name="rest"/> as OpenSSH's <c>Match</c> reads them (strdelim: whitespace or one '='
    /// separates), up to an empty word or a comment.
    /// </summary>
    public static List<SshConfigToken> MatchWords(string rest, int column)
    {
        var words = new List<SshConfigToken>();
        int? at = 0;
        while (at is { } start && start < rest.Length)
        {
            var (word, wordStart, next) = Delimit(rest, start);
            if (string.IsNullOrEmpty(word) || word[0] == '#')
                break;
            words.Add(new SshConfigToken(word, column + wordStart, word.Length));
            at = next;
        }

        return words;
    }

    /// <summary>
    /// strdelim: the word at <paramref name="start"/> up to whitespace, a quote or '=', and where the next word starts
    /// (after whitespace and at most one '='); a null word when a quote is not closed, a null next at the line's end.
    /// </summary>
    private static (string? Word, int Start, int? Next) Delimit(string line, int start)
    {
        var i = start;
        while (i < line.Length && !(Whitespace + "\"=").Contains(line[i], StringComparison.Ordinal))
            i++;
        if (i == line.Length)
            return (line[start..], start, null);
        if (line[i] == '"')
        {
            var close = line.IndexOf('"', i + 1);
            if (close < 0)
                return (null, start, null);
            var word = line[start..i] + line[(i + 1)..close];
            var after = close + 1;
            while (after < line.Length && Whitespace.Contains(line[after], StringComparison.Ordinal))
                after++;
            return (word, start, after);
        }

        var equals = line[i] == '=';
        var next = i + 1;
        while (next < line.Length && Whitespace.Contains(line[next], StringComparison.Ordinal))
            next++;
        if (!equals && next < line.Length && line[next] == '=')
        {
            next++;
            while (next < line.Length && Whitespace.Contains(line[next], StringComparison.Ordinal))
                next++;
        }

        return (line[start..i], start, next);
    }

    /// <summary>argv_split with terminate_on_comment: the words from <paramref name="start"/> on.</summary>
    private static (List<SshConfigToken>? Args, string? Error, int ErrorColumn) SplitArguments(string line, int start)
    {
        var args = new List<SshConfigToken>();
        var i = start;
        while (i < line.Length)
        {
            if (line[i] is ' ' or '\t')
            {
                i++;
                continue;
            }

            if (line[i] == '#')
                break;
            var tokenStart = i;
            var quote = '\0';
            var text = new System.Text.StringBuilder();
            for (; i < line.Length; i++)
            {
                var c = line[i];
                if (c == '\\')
                {
                    var n = i + 1 < line.Length ? line[i + 1] : '\0';
                    if (n is '\'' or '"' or '\\' || (quote == '\0' && n == ' '))
                    {
                        i++;
                        text.Append(n);
                    }
                    else
                    {
                        text.Append(c); // an unrecognised escape stays as written
                    }
                }
                else if (quote == '\0' && c is ' ' or '\t')
                {
                    break;
                }
                else if (quote == '\0' && c is '"' or '\'')
                {
                    quote = c;
                }
                else if (quote != '\0' && c == quote)
                {
                    quote = '\0';
                }
                else
                {
                    text.Append(c);
                }
            }

            if (quote != '\0')
                return (null, "a quote is not closed", tokenStart + 1);
            args.Add(new SshConfigToken(text.ToString(), tokenStart + 1, i - tokenStart));
        }

        return (args, null, 0);
    }
}
