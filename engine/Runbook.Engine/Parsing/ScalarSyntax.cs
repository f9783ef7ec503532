using System.Globalization;
using Runbook.Diagnostics;

namespace Runbook.Parsing;

/// <summary>A scalar, with its style: a quoted "true" is a string, a plain true is a boolean (YAML 1.2 core schema).</summary>
internal sealed class ScalarSyntax(SourceSpan span, string value, ScalarStyle style) : SyntaxNode(span)
{
    public string Value { get; } = value;

    public ScalarStyle Style { get; } = style;

    /// <summary>Column offset from the span start to the first character of the value (1 for a quoted scalar).</summary>
    public int ContentOffset => Style == ScalarStyle.Quoted ? 1 : 0;

    public bool IsNull => Style == ScalarStyle.Plain && Value is "" or "~" or "null" or "Null" or "NULL";

    public bool? AsBool() =>
        Style != ScalarStyle.Plain
            ? null
            : Value switch
            {
                "true" or "True" or "TRUE" => true,
                "false" or "False" or "FALSE" => false,
                _ => null,
            };

    public long? AsInteger() =>
        Style == ScalarStyle.Plain
        && long.TryParse(Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n)
            ? n
            : null;

    /// <summary>
    /// A finite number. .NET reads "NaN", "Infinity" and 1e400 (as infinity) too; YAML's core schema spells those
    /// .nan and .inf, so here they stay strings, and nothing downstream meets a value it cannot compare or convert.
    /// </summary>
    public double? AsNumber() =>
        Style == ScalarStyle.Plain
        && double.TryParse(Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var d)
        && double.IsFinite(d)
            ? d
            : null;

    public override string Describe()
    {
        if (IsNull)
            return "null";
        if (AsBool() is not null)
            return "a boolean";
        if (AsInteger() is not null || AsNumber() is not null)
            return "a number";
        return "a string";
    }
}
