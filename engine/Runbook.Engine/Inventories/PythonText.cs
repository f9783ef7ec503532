using System.Collections;
using System.Globalization;
using System.Text;

namespace Runbook.Inventories;

/// <summary>
/// Values as Python's str() and repr() write them, which is how Ansible's templating puts a value into text:
/// True, None, 1.5, 1e+16, ['a', 1], {'k': 'v'}.
/// </summary>
internal static class PythonText
{
    /// <summary>str(value), as Jinja renders it; None renders as nothing (Ansible's finalize).</summary>
    public static string Str(object? value) =>
        value switch
        {
            null => string.Empty,
            string s => s,
            _ => Repr(value),
        };

    public static string Repr(object? value)
    {
        var sb = new StringBuilder();
        Repr(value, sb);
        return sb.ToString();
    }

    private static void Repr(object? value, StringBuilder sb)
    {
        switch (value)
        {
            case null:
                sb.Append("None");
                break;
            case bool b:
                sb.Append(b ? "True" : "False");
                break;
            case string s:
                Quote(s, sb);
                break;
            case long or int:
                sb.Append(Convert.ToString(value, CultureInfo.InvariantCulture));
                break;
            case double d:
                sb.Append(Float(d));
                break;
            case IDictionary map:
                sb.Append('{');
                var first = true;
                foreach (DictionaryEntry entry in map)
                {
                    if (!first)
                        sb.Append(", ");
                    first = false;
                    Repr(entry.Key, sb);
                    sb.Append(": ");
                    Repr(entry.Value, sb);
                }

                sb.Append('}');
                break;
            case IEnumerable list:
                sb.Append('[');
                var firstItem = true;
                foreach (var item in list)
                {
                    if (!firstItem)
                        sb.Append(", ");
                    firstItem = false;
                    Repr(item, sb);
                }

                sb.Append(']');
                break;
            default:
                sb.Append(value);
                break;
        }
    }

    /// <summary>Python's repr of a string: single quotes unless it holds one and no double quote.</summary>
    private static void Quote(string s, StringBuilder sb)
    {
        var singleOnly = s.Contains('\'', StringComparison.Ordinal) && !s.Contains('"', StringComparison.Ordinal);
        var quote = singleOnly ? '"' : '\'';
        sb.Append(quote);
        foreach (var c in s)
        {
            switch (c)
            {
                case '\\':
                    sb.Append("\\\\");
                    break;
                case '\n':
                    sb.Append("\\n");
                    break;
                case '\r':
                    sb.Append("\\r");
                    break;
                case '\t':
                    sb.Append("\\t");
                    break;
                default:
                    if (c == quote)
                        sb.Append('\\').Append(c);
                    else if (c < 0x20 || c == 0x7f)
                        sb.Append(CultureInfo.InvariantCulture, $"\\x{(int)c:x2}");
                    else
                        sb.Append(c);
                    break;
            }
        }

        sb.Append(quote);
    }

    /// <summary>
    /// Python's repr of a float: the shortest digits, fixed from 1e-4 up to 1e16, else with an exponent.
    /// </summary>
    public static string Float(double d)
    {
        if (double.IsNaN(d))
            return "nan";
        if (double.IsInfinity(d))
            return d > 0 ? "inf" : "-inf";
        if (d == 0)
            return double.IsNegative(d) ? "-0.0" : "0.0";
        var shortest = Math.Abs(d).ToString("R", CultureInfo.InvariantCulture);
        // Digits and exponent of the shortest form that reads back as d.
        var (digits, exponent) = Split(shortest);
        var decimalPoint = exponent + 1; // digits d1d2... means 0.d1d2... x 10^decimalPoint
        string body;
        if (decimalPoint > -4 && decimalPoint <= 16)
        {
            if (decimalPoint <= 0)
                body = "0." + new string('0', -decimalPoint) + digits;
            else if (decimalPoint >= digits.Length)
            {
                body = digits + new string('0', decimalPoint - digits.Length) + ".0";
            }
            else
                body = digits[..decimalPoint] + "." + digits[decimalPoint..];
        }
        else
        {
            var e = decimalPoint - 1;
            body =
                digits[..1]
                + (digits.Length > 1 ? "." + digits[1..] : string.Empty)
                + "e"
                + (e < 0 ? "-" : "+")
                + Math.Abs(e).ToString("00", CultureInfo.InvariantCulture);
        }

        return (d < 0 ? "-" : string.Empty) + body;
    }

    /// <summary>
    /// "123.45" is (12345, 2); "1.5E-05" is (15, -5): the significant digits and the power of the first.
    /// </summary>
    private static (string Digits, int Exponent) Split(string shortest)
    {
        var e = shortest.IndexOfAny(['E', 'e']);
        var mantissa = e < 0 ? shortest : shortest[..e];
        var power =
            e < 0 ? 0 : int.Parse(shortest[(e + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        var dot = mantissa.IndexOf('.', StringComparison.Ordinal);
        var whole = dot < 0 ? mantissa : mantissa[..dot];
        var fraction = dot < 0 ? string.Empty : mantissa[(dot + 1)..];
        var all = whole + fraction;
        var leading = all.Length - all.TrimStart('0').Length;
        var digits = all.Trim('0');
        if (digits.Length == 0)
            return ("0", 0);
        var exponent = power + whole.Length - 1 - leading;
        return (digits, exponent);
    }
}
