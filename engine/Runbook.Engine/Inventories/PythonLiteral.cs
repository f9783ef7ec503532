using System.Globalization;
using System.Text;

namespace Runbook.Inventories;

/// <summary>
/// Python's <c>ast.literal_eval</c>, as ansible-core's INI plugin applies it to every value (<c>_parse_value</c>): a
/// value that reads as a Python literal takes its type (8080 is an int, True a bool, [1, 2] a list, "'a'" the
/// string a), anything else stays the text written. Covers what literal_eval accepts: None, True, False; ints
/// (decimal, 0x, 0o, 0b, with _), floats, one leading sign; strings in every quoting with their prefixes (r, u, b)
/// and escapes, adjacent strings joined; lists, tuples (also bare: 1, 2) and dicts; comments after '#'. Complex
/// numbers and sets are not read (they have no JSON form): such a value stays text.
/// </summary>
internal sealed partial class PythonLiteral
{
    private const int MaxDepth = 64;

    private readonly string _text;
    private readonly bool _jsonNames;
    private int _pos;
    private int _depth;

    private PythonLiteral(string text, bool jsonNames)
    {
        _text = text;
        _jsonNames = jsonNames;
    }

    /// <summary>
    /// The value of <paramref name="text"/> as ansible-core reads it: the literal, or the text itself.
    /// </summary>
    public static object? Evaluate(string text) => TryParse(text, out var value) ? value : text;

    /// <summary>
    /// Reads <paramref name="text"/> as a Python literal. <paramref name="jsonNames"/> also takes true, false and null,
    /// as Ansible's templating does when it turns a rendered '[...]' back into a list.
    /// </summary>
    public static bool TryParse(string text, out object? value, bool jsonNames = false)
    {
        var parser = new PythonLiteral(text, jsonNames);
        try
        {
            parser.Skip();
            if (parser.AtEnd)
            {
                value = null;
                return false;
            }

            value = parser.Expression(top: true);
            parser.Skip();
            if (!parser.AtEnd)
                throw new FormatException();
            return true;
        }
        catch (FormatException)
        {
            value = null;
            return false;
        }
    }

    private bool AtEnd => _pos >= _text.Length;

    private char Peek(int ahead = 0) => _pos + ahead < _text.Length ? _text[_pos + ahead] : '\0';

    /// <summary>An expression; at the top level, a comma makes a bare tuple (literal_eval("1, 2") is (1, 2)).</summary>
    private object? Expression(bool top = false)
    {
        var first = Atom();
        Skip();
        if (!top || Peek() != ',')
            return first;
        var items = new List<object?> { first };
        while (Peek() == ',')
        {
            _pos++;
            Skip();
            if (AtEnd)
                break;
            items.Add(Atom());
            Skip();
        }

        return items;
    }

    private object? Atom()
    {
        Skip();
        var c = Peek();
        switch (c)
        {
            case '[':
                return Sequence(']');
            case '(':
                return Parenthesised();
            case '{':
                return Dictionary();
            case '+' or '-':
                return Signed();
        }

        if (char.IsAsciiDigit(c) || (c == '.' && char.IsAsciiDigit(Peek(1))))
            return Number();
        if (StringStart() is { } prefix)
            return Strings(prefix);
        var word = Word();
        return word switch
        {
            "None" => null,
            "True" => true,
            "False" => false,
            "null" when _jsonNames => null,
            "true" when _jsonNames => true,
            "false" when _jsonNames => false,
            _ => throw new FormatException(),
        };
    }

    private object Signed()
    {
        var negative = _text[_pos++] == '-';
        Skip();
        if (!(char.IsAsciiDigit(Peek()) || (Peek() == '.' && char.IsAsciiDigit(Peek(1)))))
            throw new FormatException();
        var number = Number();
        if (!negative)
            return number;
        return number switch
        {
            long l when l == long.MinValue => throw new FormatException(),
            long l => (object)(-l),
            double d => -d,
            _ => throw new FormatException(),
        };
    }

    private List<object?> Sequence(char close)
    {
        Enter();
        _pos++;
        var items = new List<object?>();
        Skip();
        while (Peek() != close)
        {
            if (AtEnd)
                throw new FormatException();
            items.Add(Atom());
            Skip();
            if (Peek() == ',')
            {
                _pos++;
                Skip();
            }
            else if (Peek() != close)
            {
                throw new FormatException();
            }
        }

        _pos++;
        _depth--;
        return items;
    }

    /// <summary>(x) is x; (x,) and (x, y) are tuples, which Ansible shows as lists.</summary>
    private object? Parenthesised()
    {
        Enter();
        _pos++;
        Skip();
        if (Peek() == ')')
        {
            _pos++;
            _depth--;
            return new List<object?>();
        }

        var first = Atom();
        Skip();
        if (Peek() == ')')
        {
            _pos++;
            _depth--;
            return first;
        }

        if (Peek() != ',')
            throw new FormatException();
        var items = new List<object?> { first };
        while (Peek() == ',')
        {
            _pos++;
            Skip();
            if (Peek() == ')')
                break;
            items.Add(Atom());
            Skip();
        }

        if (Peek() != ')')
            throw new FormatException();
        _pos++;
        _depth--;
        return items;
    }

    private Dictionary<string, object?> Dictionary()
    {
        Enter();
        _pos++;
        var map = new Dictionary<string, object?>(StringComparer.Ordinal);
        Skip();
        while (Peek() != '}')
        {
            if (AtEnd)
                throw new FormatException();
            var key = Atom();
            Skip();
            if (Peek() != ':')
                throw new FormatException(); // {1, 2} is a set: not read
            _pos++;
            map[KeyText(key)] = Atom();
            Skip();
            if (Peek() == ',')
            {
                _pos++;
                Skip();
            }
            else if (Peek() != '}')
            {
                throw new FormatException();
            }
        }

        _pos++;
        _depth--;
        return map;
    }

    /// <summary>
    /// A dict key as JSON shows it: Python's json turns 1 into "1", True into "true", None into "null".
    /// </summary>
    private static string KeyText(object? key) =>
        key switch
        {
            string s => s,
            null => "null",
            bool b => b ? "true" : "false",
            long l => l.ToString(CultureInfo.InvariantCulture),
            double d => d.ToString("R", CultureInfo.InvariantCulture),
            _ => throw new FormatException(), // a list or dict is not hashable in Python
        };

    private object Number()
    {
        if (Peek() == '0' && Peek(1) is 'x' or 'X' or 'o' or 'O' or 'b' or 'B')
        {
            var radix = char.ToLowerInvariant(Peek(1)) switch
            {
                'x' => 16,
                'o' => 8,
                _ => 2,
            };
            _pos += 2;
            if (Peek() == '_')
                _pos++;
            var digits = Digits(c => radix == 16 ? char.IsAsciiHexDigit(c) : c >= '0' && c < (char)('0' + radix));
            if (digits.Length == 0 || char.IsAsciiLetterOrDigit(Peek()))
                throw new FormatException();
            try
            {
                return Convert.ToInt64(digits, radix) is var n && n >= 0 ? n : throw new FormatException();
            }
            catch (OverflowException)
            {
                throw new FormatException();
            }
        }

        var whole = Digits(char.IsAsciiDigit);
        var isFloat = false;
        var fraction = string.Empty;
        if (Peek() == '.')
        {
            isFloat = true;
            _pos++;
            if (char.IsAsciiDigit(Peek()))
                fraction = Digits(char.IsAsciiDigit);
        }

        var exponent = string.Empty;
        var signedExponent = Peek(1) is '+' or '-' && char.IsAsciiDigit(Peek(2));
        if (Peek() is 'e' or 'E' && (char.IsAsciiDigit(Peek(1)) || signedExponent))
        {
            isFloat = true;
            _pos++;
            var sign = Peek() is '+' or '-' ? _text[_pos++].ToString() : string.Empty;
            exponent = "e" + sign + Digits(char.IsAsciiDigit);
        }

        // A j makes a complex number; any other letter or _ here means this is not a number.
        if (Peek() is 'j' or 'J' || char.IsAsciiLetter(Peek()) || Peek() == '_')
            throw new FormatException();
        if (!isFloat)
        {
            // Python 3 rejects leading zeros in a decimal int ("07"), except for zero itself ("00").
            if (whole.Length > 1 && whole[0] == '0' && whole.Any(d => d != '0'))
                throw new FormatException();
            if (long.TryParse(whole, NumberStyles.None, CultureInfo.InvariantCulture, out var n))
                return n;
            throw new FormatException();
        }

        var text = (whole.Length == 0 ? "0" : whole) + "." + (fraction.Length == 0 ? "0" : fraction) + exponent;
        return double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
    }

    /// <summary>Digits with single underscores between them (1_000), returned without the underscores.</summary>
    private string Digits(Func<char, bool> isDigit)
    {
        var sb = new StringBuilder();
        while (isDigit(Peek()) || (Peek() == '_' && sb.Length > 0 && isDigit(Peek(1))))
        {
            if (Peek() != '_')
                sb.Append(Peek());
            _pos++;
        }

        return sb.ToString();
    }

    private string Word()
    {
        var start = _pos;
        while (char.IsAsciiLetterOrDigit(Peek()) || Peek() == '_')
            _pos++;
        return _text[start.._pos];
    }

    /// <summary>Skips whitespace and comments: literal_eval reads Python source, where '#' starts a comment.</summary>
    private void Skip()
    {
        while (!AtEnd)
        {
            var c = _text[_pos];
            if (c is ' ' or '\t' or '\n' or '\r' or '\f')
                _pos++;
            else if (c == '#')
                _pos = _text.IndexOf('\n', _pos) is var nl && nl < 0 ? _text.Length : nl;
            else
                break;
        }
    }

    private void Enter()
    {
        if (++_depth > MaxDepth)
            throw new FormatException();
    }
}
