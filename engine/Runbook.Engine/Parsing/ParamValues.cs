using Runbook.Diagnostics;
using Runbook.Model;

namespace Runbook.Parsing;

/// <summary>Checks and converts param values, from the runbook (defaults) or from the command line.</summary>
internal static class ParamValues
{
    /// <summary>A value from YAML; reports a type mismatch and returns null.</summary>
    internal static object? FromNode(NodeReader r, SyntaxNode node, ParamType type, string where)
    {
        if (type == ParamType.List)
        {
            if (node is SequenceSyntax)
                return PlainValues.From(node);
            r.WrongType(node, $"the default of {where}", "a list");
            return null;
        }

        if (r.Scalar(node, $"the default of {where}") is not { } s)
            return null;
        if (s.IsNull)
            return null;
        var value = FromText(s.Value, type, out var error);
        if (error is not null)
            r.Diagnostics.Error(Codes.BadParamValue, s.Span, $"the default of {where} {error}");
        return value;
    }

    /// <summary>Converts text to a value of the type; on failure <paramref name="error"/> says why ("is not ...").</summary>
    public static object? FromText(string text, ParamType type, out string? error)
    {
        error = null;
        switch (type)
        {
            case ParamType.Int
                when long.TryParse(
                    text,
                    System.Globalization.NumberStyles.AllowLeadingSign,
                    System.Globalization.CultureInfo.InvariantCulture,
                    out var n
                ):
                return n;
            case ParamType.Int:
                error = $"is not a whole number: '{text}'";
                return null;
            case ParamType.Bool:
                if (text is "true" or "false")
                    return text == "true";
                error = $"is not true or false: '{text}'";
                return null;
            case ParamType.Duration:
                if (Duration.TryParse(text, out var d))
                    return d;
                error = $"is not a duration: '{text}' (write 500ms, 10s, 5m, 1h or 1h30m)";
                return null;
            case ParamType.List:
                return text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
                    .Cast<object?>()
                    .ToList();
            default:
                return text;
        }
    }
}
