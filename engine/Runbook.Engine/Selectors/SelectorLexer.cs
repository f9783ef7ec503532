namespace Runbook.Selectors;

internal static class SelectorLexer
{
    public static List<SelectorToken> Tokenize(string text)
    {
        var tokens = new List<SelectorToken>();
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
                continue;
            }

            var start = i;
            switch (c)
            {
                case '(':
                    tokens.Add(new(SelectorTokenKind.Open, "(", i++));
                    continue;
                case ')':
                    tokens.Add(new(SelectorTokenKind.Close, ")", i++));
                    continue;
                case ',':
                    tokens.Add(new(SelectorTokenKind.Comma, ",", i++));
                    continue;
                case '=':
                    i += i + 1 < text.Length && text[i + 1] == '=' ? 2 : 1;
                    tokens.Add(new(SelectorTokenKind.Equal, text[start..i], start));
                    continue;
                case '!' when i + 1 < text.Length && text[i + 1] == '=':
                    tokens.Add(new(SelectorTokenKind.NotEqual, "!=", i));
                    i += 2;
                    continue;
                case '\'' or '"':
                    var end = text.IndexOf(c, i + 1);
                    if (end < 0)
                    {
                        tokens.Add(new(SelectorTokenKind.Invalid, text[i..], i));
                        return tokens;
                    }

                    tokens.Add(new(SelectorTokenKind.Quoted, text[(i + 1)..end], i));
                    i = end + 1;
                    continue;
            }

            if (!IsWordChar(c))
            {
                tokens.Add(new(SelectorTokenKind.Invalid, c.ToString(), i));
                return tokens;
            }

            while (i < text.Length && IsWordChar(text[i]))
                i++;
            tokens.Add(new(SelectorTokenKind.Word, text[start..i], start));
        }

        tokens.Add(new(SelectorTokenKind.End, string.Empty, text.Length));
        return tokens;
    }

    private static bool IsWordChar(char c) =>
        char.IsLetterOrDigit(c) || c is '_' or '-' or '.' or '*' or '?' or '/' or ':' or '@' or '[' or ']';
}
