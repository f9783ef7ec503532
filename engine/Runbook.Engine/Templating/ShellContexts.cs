using System.Text;

namespace Runbook.Templating;

/// <summary>
/// Reads a command template's literal text the way a POSIX shell would, with each interpolation replaced by a
/// marker character, and finds the <see cref="ShellPlace"/> of every marker: plain text, single or double quotes, a
/// place that cannot be quoted for (comment, here-document, <c>$'…'</c>, <c>${…}</c>, backquotes), and whether the
/// word it is in is the script of a nested shell (<c>bash -c WORD</c>, <c>su -c WORD</c>, <c>eval WORDS</c>, the
/// command of <c>ssh HOST WORDS</c>, <c>watch WORDS</c>), whose text is then read again as the inner shell reads
/// it.
/// </summary>
internal sealed partial class ShellContexts
{
    public const char FirstMarker = '\uE000';
    public const int MaxMarkers = 0x1800;
    private const int MaxDepth = 4;

    private readonly string _s;
    private readonly int _depth;
    private readonly Dictionary<int, ShellPlace> _places = [];
    private int _i;

    private ShellContexts(string script, int depth)
    {
        _s = script;
        _depth = depth;
    }

    public static bool IsMarker(char c, out int index)
    {
        index = c - FirstMarker;
        return index is >= 0 and < MaxMarkers;
    }

    /// <summary>The place of every marker in the script (a marker the text does not reach is absent).</summary>
    public static Dictionary<int, ShellPlace> Analyze(string script) => Analyze(script, 0);

    private static Dictionary<int, ShellPlace> Analyze(string script, int depth)
    {
        var lexer = new ShellContexts(script, depth);
        lexer.Commands(closer: false);
        return lexer._places;
    }

    private void Mark(int marker, ShellQuoting quoting) => _places[marker] = new ShellPlace([quoting]);

    private void MarkUnsupported(int marker, string what) =>
        _places[marker] = new ShellPlace([ShellQuoting.Plain], what);

    /// <summary>A list of commands, to the end or (inside <c>$(</c>) to the unmatched ')'.</summary>
    private void Commands(bool closer)
    {
        var words = new List<string>();
        var word = new StringBuilder();
        var started = false;
        var parens = 0;
        var heredocs = new List<(string Delimiter, bool StripTabs)>();

        void EndWord()
        {
            if (started)
                words.Add(word.ToString());
            word.Clear();
            started = false;
        }

        void EndCommand()
        {
            EndWord();
            ReadNestedScripts(words);
            words.Clear();
        }

        while (_i < _s.Length)
        {
            var c = _s[_i];
            var next = _i + 1 < _s.Length ? _s[_i + 1] : '\0';
            if (IsMarker(c, out var marker))
            {
                Mark(marker, ShellQuoting.Plain);
                word.Append(c);
                started = true;
                _i++;
                continue;
            }

            switch (c)
            {
                case '\\':
                    if (next != '\n' && _i + 1 < _s.Length)
                    {
                        word.Append(next);
                        started = true;
                    }

                    _i += 2;
                    continue;
                case '\'':
                    _i++;
                    SingleQuoted(word);
                    started = true;
                    continue;
                case '"':
                    _i++;
                    DoubleQuoted(word);
                    started = true;
                    continue;
                case '$' when next is '(' or '{' or '\'':
                    Dollar(word, next);
                    started = true;
                    continue;
                case '`':
                    Unsupported("backquotes (`…`): write $(…) instead", '`');
                    word.Append("$(:)");
                    started = true;
                    continue;
                case '#' when !started:
                    _i++;
                    while (_i < _s.Length && _s[_i] != '\n')
                        MarkUnsupportedAt(_i++, "a shell comment");
                    continue;
                case '<' when next == '<' && (_i + 2 >= _s.Length || _s[_i + 2] != '<'):
                    EndWord();
                    _i += 2;
                    heredocs.Add(HereDocDelimiter());
                    continue;
                case '\n':
                    EndCommand();
                    _i++;
                    foreach (var (delimiter, stripTabs) in heredocs)
                        HereDocBody(delimiter, stripTabs);
                    heredocs.Clear();
                    continue;
                case ' ' or '\t' or '<' or '>':
                    EndWord();
                    break;
                case ';' or '&' or '|':
                    EndCommand();
                    break;
                case '(':
                    EndCommand();
                    parens++;
                    break;
                case ')':
                    EndCommand();
                    if (parens == 0 && closer)
                    {
                        _i++;
                        return;
                    }

                    parens = Math.Max(0, parens - 1);
                    break;
                default:
                    word.Append(c);
                    started = true;
                    break;
            }

            _i++;
        }

        EndCommand();
    }

    private void SingleQuoted(StringBuilder word)
    {
        while (_i < _s.Length && _s[_i] != '\'')
        {
            if (IsMarker(_s[_i], out var marker))
                Mark(marker, ShellQuoting.Single);
            word.Append(_s[_i++]);
        }

        _i++;
    }

    private void DoubleQuoted(StringBuilder word)
    {
        while (_i < _s.Length && _s[_i] != '"')
        {
            var c = _s[_i];
            var next = _i + 1 < _s.Length ? _s[_i + 1] : '\0';
            if (IsMarker(c, out var marker))
            {
                Mark(marker, ShellQuoting.Double);
                word.Append(c);
                _i++;
            }
            else if (c == '\\' && next is '$' or '`' or '"' or '\\' or '\n')
            {
                if (next != '\n')
                    word.Append(next);
                _i += 2;
            }
            else if (c == '$' && next is '(' or '{')
            {
                Dollar(word, next);
            }
            else if (c == '`')
            {
                Unsupported("backquotes (`…`): write $(…) instead", '`');
                word.Append("$(:)");
            }
            else
            {
                word.Append(c);
                _i++;
            }
        }

        _i++;
    }

    /// <summary>At a '$' before '(', '{' or a quote: a command substitution (read as commands of its own), or a place
    /// Runbook does not quote for.</summary>
    private void Dollar(StringBuilder word, char next)
    {
        switch (next)
        {
            case '(':
                _i += 2;
                Commands(closer: true);
                word.Append("$(:)");
                break;
            case '{':
                _i++;
                Unsupported("a parameter expansion (${…})", '}', '{');
                word.Append("${:}");
                break;
            default:
                _i++;
                Unsupported("ANSI-C quotes ($'…')", '\'');
                word.Append("$':'");
                break;
        }
    }

    /// <summary>
    /// Skips to the closing character (nesting 'open' when given); every marker inside is unsupported.
    /// </summary>
    private void Unsupported(string what, char close, char open = '\0')
    {
        var depth = 0;
        _i++;
        while (_i < _s.Length)
        {
            var c = _s[_i];
            if (c == '\\')
            {
                MarkUnsupportedAt(_i + 1, what);
                _i += 2;
                continue;
            }

            if (c == open)
                depth++;
            else if (c == close && depth-- == 0)
                break;
            MarkUnsupportedAt(_i++, what);
        }

        _i++;
    }

    private void MarkUnsupportedAt(int index, string what)
    {
        if (index < _s.Length && IsMarker(_s[index], out var marker))
            MarkUnsupported(marker, what);
    }

    private (string, bool) HereDocDelimiter()
    {
        var stripTabs = _i < _s.Length && _s[_i] == '-';
        if (stripTabs)
            _i++;
        while (_i < _s.Length && _s[_i] is ' ' or '\t')
            _i++;
        var delimiter = new StringBuilder();
        while (_i < _s.Length && _s[_i] is not (' ' or '\t' or '\n' or ';' or '&' or '|' or '<' or '>' or '(' or ')'))
        {
            var c = _s[_i++];
            if (IsMarker(c, out var marker))
                MarkUnsupported(marker, "a here-document's delimiter");
            if (c is not ('\'' or '"' or '\\'))
                delimiter.Append(c);
        }

        return (delimiter.ToString(), stripTabs);
    }

    /// <summary>The lines up to the delimiter: a value there could end the document early, so none may be
    /// there.</summary>
    private void HereDocBody(string delimiter, bool stripTabs)
    {
        while (_i < _s.Length)
        {
            var end = _s.IndexOf('\n', _i);
            var line = end < 0 ? _s[_i..] : _s[_i..end];
            var next = end < 0 ? _s.Length : end + 1;
            if ((stripTabs ? line.TrimStart('\t') : line) == delimiter)
            {
                _i = next;
                return;
            }

            for (var k = _i; k < _i + line.Length; k++)
                MarkUnsupportedAt(k, "a here-document");
            _i = next;
        }
    }
}
