using System.Globalization;
using Runbook.Diagnostics;
using Runbook.Parsing;

namespace Runbook.Inventories;

/// <summary>Reads SSH port numbers, which must be 1 to 65535.</summary>
internal static class PortNumber
{
    public const int Default = 22;

    /// <summary>
    /// A port from YAML, or null when absent, null or invalid. <paramref name="acceptQuoted"/> lets "22" through, as
    /// Ansible does for ansible_port; the native format wants a plain number.
    /// </summary>
    public static int? Read(SyntaxNode? node, string what, NodeReader reader, bool acceptQuoted)
    {
        if (node is null or ScalarSyntax { IsNull: true })
            return null;
        if (reader.Scalar(node, what) is not { } scalar)
            return null;
        var number = acceptQuoted ? ParseInteger(scalar.Value) : scalar.AsInteger();
        if (number is null)
        {
            reader.WrongType(node, what, "a whole number");
            return null;
        }

        return InRange(number.Value, node.Span, what, reader.Diagnostics);
    }

    /// <summary>A port from INI text, where every value is a string.</summary>
    public static int? Parse(string text, SourceSpan span, string what, DiagnosticBag diagnostics)
    {
        if (ParseInteger(text) is { } number)
            return InRange(number, span, what, diagnostics);
        diagnostics.Error(Codes.WrongType, span, $"{what} must be a whole number, not '{text}'");
        return null;
    }

    /// <summary>
    /// A port from a typed Ansible value (INI literal, YAML 1.1 scalar, JSON): a whole number, or text holding one.
    /// Text with a template ('{{ port }}') is kept as it is, to be checked once rendered. Null after reporting.
    /// </summary>
    public static object? FromValue(object? value, SourceSpan span, string what, DiagnosticBag diagnostics)
    {
        switch (value)
        {
            case long or int:
                return InRange(Convert.ToInt64(value, CultureInfo.InvariantCulture), span, what, diagnostics);
            case string text when text.Contains("{{", StringComparison.Ordinal):
                return text;
            case string text:
                return Parse(text.Trim(), span, what, diagnostics);
            default:
                diagnostics.Error(Codes.WrongType, span, $"{what} must be a whole number, not {Describe(value)}");
                return null;
        }
    }

    private static string Describe(object? value) =>
        value switch
        {
            null => "null",
            bool => "a boolean",
            double d => d.ToString("R", CultureInfo.InvariantCulture),
            System.Collections.IDictionary => "a mapping",
            _ => "a list",
        };

    private static long? ParseInteger(string text) =>
        long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) ? n : null;

    private static int? InRange(long number, SourceSpan span, string what, DiagnosticBag diagnostics)
    {
        if (number is >= 1 and <= 65535)
            return (int)number;
        diagnostics.Error(
            Codes.InvalidValue,
            span,
            $"{what} must be between 1 and 65535, not {NodeReader.Invariant(number)}"
        );
        return null;
    }
}
