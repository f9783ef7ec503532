using System.Globalization;
using System.Text;

namespace Runbook.Inventories;

// String literals: prefixes, raw and byte strings, escapes; as Python's tokenizer reads them.
internal sealed partial class PythonLiteral
{
    /// <summary>The string prefix (possibly empty) when a string literal starts here, else null.</summary>
    private string? StringStart()
    {
        var i = _pos;
        while (i < _text.Length && i - _pos < 2 && char.ToLowerInvariant(_text[i]) is 'r' or 'u' or 'b')
            i++;
        if (i >= _text.Length || _text[i] is not ('\'' or '"'))
            return null;
        var prefix = _text[_pos..i].ToLowerInvariant();
        return prefix is "" or "r" or "u" or "b" or "br" or "rb" ? prefix : null;
    }

    /// <summary>
    /// One or more adjacent string literals, joined (Python joins 'a' 'b'); bytes and text do not mix.
    /// </summary>
    private string Strings(string prefix)
    {
        var sb = new StringBuilder();
        var bytes = prefix.Contains('b', StringComparison.Ordinal);
        while (true)
        {
            _pos += prefix.Length;
            sb.Append(StringLiteral(raw: prefix.Contains('r', StringComparison.Ordinal), bytes));
            Skip();
            if (StringStart() is not { } next)
                return sb.ToString();
            if (next.Contains('b', StringComparison.Ordinal) != bytes)
                throw new FormatException();
            prefix = next;
        }
    }

    private string StringLiteral(bool raw, bool bytes)
    {
        var quote = _text[_pos];
        var triple = Peek(1) == quote && Peek(2) == quote;
        _pos += triple ? 3 : 1;
        var sb = new StringBuilder();
        while (true)
        {
            if (AtEnd)
                throw new FormatException();
            var c = _text[_pos];
            if (c == quote && (!triple || (Peek(1) == quote && Peek(2) == quote)))
            {
                _pos += triple ? 3 : 1;
                return sb.ToString();
            }

            if (!triple && c == '\n')
                throw new FormatException();
            if (c == '\\')
            {
                if (_pos + 1 >= _text.Length)
                    throw new FormatException();
                if (raw)
                {
                    sb.Append(c).Append(_text[_pos + 1]);
                    _pos += 2;
                    continue;
                }

                Escape(sb, bytes);
                continue;
            }

            if (bytes && c > 0x7f)
                throw new FormatException(); // bytes literals hold ASCII only
            sb.Append(c);
            _pos++;
        }
    }

    private void Escape(StringBuilder sb, bool bytes)
    {
        var c = _text[_pos + 1];
        _pos += 2;
        switch (c)
        {
            case '\n':
                return;
            case '\\' or '\'' or '"':
                sb.Append(c);
                return;
            case 'a':
                sb.Append('\a');
                return;
            case 'b':
                sb.Append('\b');
                return;
            case 'f':
                sb.Append('\f');
                return;
            case 'n':
                sb.Append('\n');
                return;
            case 'r':
                sb.Append('\r');
                return;
            case 't':
                sb.Append('\t');
                return;
            case 'v':
                sb.Append('\v');
                return;
            case 'x':
                sb.Append((char)Hex(2));
                return;
            case 'u' when !bytes:
                sb.Append((char)Hex(4));
                return;
            case 'U' when !bytes:
                sb.Append(char.ConvertFromUtf32(Hex(8)));
                return;
            case 'N' when !bytes:
                throw new FormatException(); // named characters: not read, the value stays text
        }

        if (c is >= '0' and <= '7')
        {
            var value = c - '0';
            for (var n = 0; n < 2 && Peek() is >= '0' and <= '7'; n++)
                value = (value * 8) + (_text[_pos++] - '0');
            sb.Append((char)value);
            return;
        }

        sb.Append('\\').Append(c); // Python keeps an unknown escape as written
    }

    private int Hex(int count)
    {
        if (_pos + count > _text.Length)
            throw new FormatException();
        var digits = _text.Substring(_pos, count);
        if (
            digits.Any(ch => !char.IsAsciiHexDigit(ch))
            || !int.TryParse(digits, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var value)
        )
        {
            throw new FormatException();
        }

        _pos += count;
        return value is >= 0 and <= 0x10FFFF ? value : throw new FormatException();
    }
}
