using System.Globalization;
using System.Text.RegularExpressions;
using Runbook.Parsing;

namespace Runbook.Inventories;

/// <summary>
/// YAML 1.1 plain scalars, as Ansible reads its YAML files (PyYAML's resolver): yes/no/on/off are booleans, 0755 is
/// octal, 0x1F hex, 0b101 binary, 1:30 base 60, 1_000 an int; a float needs a dot (1e3 is a string, 1.0e+3 a float);
/// ~, null and the empty value are null. Quoted and block scalars are strings.
/// </summary>
internal static partial class Yaml11
{
    public static object? Value(ScalarSyntax scalar)
    {
        if (scalar.Style != ScalarStyle.Plain)
            return scalar.Value;
        var text = scalar.Value;
        if (Null().IsMatch(text))
            return null;
        if (Bool(text) is { } flag)
            return flag;
        if (Integer(text) is { } integer)
            return integer;
        if (Float(text) is { } number)
            return number;
        return text;
    }

    public static bool? Bool(string text) =>
        text switch
        {
            "yes" or "Yes" or "YES" or "true" or "True" or "TRUE" or "on" or "On" or "ON" => true,
            "no" or "No" or "NO" or "false" or "False" or "FALSE" or "off" or "Off" or "OFF" => false,
            _ => null,
        };

    public static long? Integer(string text)
    {
        if (!Int().IsMatch(text))
            return null;
        var negative = text[0] == '-';
        var body = text.TrimStart('+', '-').Replace("_", string.Empty, StringComparison.Ordinal);
        long value;
        try
        {
            if (body.Contains(':', StringComparison.Ordinal))
            {
                value = 0;
                foreach (var part in body.Split(':'))
                {
                    value = checked((value * 60) + long.Parse(part, CultureInfo.InvariantCulture));
                }
            }
            else if (body.StartsWith("0b", StringComparison.Ordinal))
            {
                value = Convert.ToInt64(body[2..], 2);
            }
            else if (body.StartsWith("0x", StringComparison.Ordinal))
            {
                value = long.Parse(body[2..], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture);
            }
            else if (body.Length > 1 && body[0] == '0')
            {
                value = Convert.ToInt64(body, 8);
            }
            else
            {
                value = long.Parse(body, CultureInfo.InvariantCulture);
            }
        }
        catch (Exception ex) when (ex is OverflowException or FormatException)
        {
            return null;
        }

        return value < 0 ? null
            : negative ? -value
            : value;
    }

    public static double? Float(string text)
    {
        if (!FloatPattern().IsMatch(text))
            return null;
        var body = text.Replace("_", string.Empty, StringComparison.Ordinal);
        var lower = body.ToLowerInvariant();
        if (lower.EndsWith(".inf", StringComparison.Ordinal))
        {
            return lower[0] == '-' ? double.NegativeInfinity : double.PositiveInfinity;
        }

        if (lower.EndsWith(".nan", StringComparison.Ordinal))
            return double.NaN;
        if (body.Contains(':', StringComparison.Ordinal))
        {
            var negative = body[0] == '-';
            var parts = body.TrimStart('+', '-').Split(':');
            double value = 0;
            foreach (var part in parts)
            {
                if (!double.TryParse(part, NumberStyles.Float, CultureInfo.InvariantCulture, out var n))
                    return null;
                value = (value * 60) + n;
            }

            return negative ? -value : value;
        }

        return double.TryParse(body, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? d : null;
    }

    // PyYAML's implicit resolvers (yaml/resolver.py), the YAML 1.1 types.
    [GeneratedRegex(@"^(?:~|null|Null|NULL|)$")]
    private static partial Regex Null();

    [GeneratedRegex(
        @"^(?:[-+]?0b[0-1_]+|[-+]?0[0-7_]+|[-+]?(?:0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+"
            + @"|[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+)$"
    )]
    private static partial Regex Int();

    [GeneratedRegex(
        @"^(?:[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+][0-9]+)?|\.[0-9_]+(?:[eE][-+][0-9]+)?"
            + @"|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$"
    )]
    private static partial Regex FloatPattern();
}
