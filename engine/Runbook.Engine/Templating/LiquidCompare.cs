using System.Collections;
using System.Globalization;
using Scriban;
using Scriban.Runtime;
using Scriban.Syntax;

namespace Runbook.Templating;

/// <summary>
/// Liquid's comparison rules, which decide every <c>when:</c> and <c>{% if %}</c>. Scriban compares mixed values
/// as text (<c>'22' == 22</c> and <c>'true' == true</c> are true there) and reads <c>roles contains 'etc'</c> as a
/// substring test; Liquid (and the plans this project has always produced) does neither. An undefined value compares
/// as nil.
/// </summary>
internal static class LiquidCompare
{
    public static bool Handles(ScriptBinaryOperator op) =>
        op
            is ScriptBinaryOperator.CompareEqual
                or ScriptBinaryOperator.CompareNotEqual
                or ScriptBinaryOperator.CompareLess
                or ScriptBinaryOperator.CompareLessOrEqual
                or ScriptBinaryOperator.CompareGreater
                or ScriptBinaryOperator.CompareGreaterOrEqual
                or ScriptBinaryOperator.LiquidContains;

    public static bool Evaluate(TemplateContext context, ScriptBinaryOperator op, object? left, object? right)
    {
        left = UndefinedValue.ToNil(left);
        right = UndefinedValue.ToNil(right);
        return op switch
        {
            ScriptBinaryOperator.CompareEqual => AreEqual(left, right),
            ScriptBinaryOperator.CompareNotEqual => !AreEqual(left, right),
            ScriptBinaryOperator.LiquidContains => Contains(context, left, right),
            _ => Order(left, right) is { } order
                && op switch
                {
                    ScriptBinaryOperator.CompareLess => order < 0,
                    ScriptBinaryOperator.CompareLessOrEqual => order <= 0,
                    ScriptBinaryOperator.CompareGreater => order > 0,
                    _ => order >= 0,
                },
        };
    }

    /// <summary>Liquid's <c>empty</c>: an empty string, list or mapping.</summary>
    public static bool IsEmpty(object? value) =>
        value switch
        {
            string s => s.Length == 0,
            RawText r => r.Text.Length == 0,
            StrictMapValue m => m.Count == 0,
            ICollection c => c.Count == 0,
            _ => false,
        };

    private static bool AreEqual(object? left, object? right)
    {
        if (left == EmptyScriptObject.Default)
            return IsEmpty(right) || right == EmptyScriptObject.Default;
        if (right == EmptyScriptObject.Default)
            return IsEmpty(left);
        if (left is null || right is null)
            return left is null && right is null;
        if (Number(left) is { } l && Number(right) is { } r)
            return l == r;
        if (Text(left) is { } a && Text(right) is { } b)
            return string.Equals(a, b, StringComparison.Ordinal);
        if (left is bool x && right is bool y)
            return x == y;
        if (left is IList lx && right is IList ly)
        {
            return lx.Count == ly.Count && Enumerable.Range(0, lx.Count).All(i => AreEqual(lx[i], ly[i]));
        }

        return ReferenceEquals(left, right);
    }

    private static bool Contains(TemplateContext context, object? left, object? right) =>
        left switch
        {
            null => false,
            string or RawText => right is not null
                && Text(left)!.Contains(context.ObjectToString(right) ?? string.Empty, StringComparison.Ordinal),
            StrictMapValue m => m.Members.ContainsKey(context.ObjectToString(right) ?? string.Empty),
            IEnumerable items => items.Cast<object?>().Any(item => AreEqual(item, right)),
            _ => false,
        };

    /// <summary>Numbers compare as numbers, text as text (ordinal), a number and numeric text as numbers.</summary>
    private static int? Order(object? left, object? right)
    {
        if (left is null || right is null)
            return null;
        if (Text(left) is { } a && Text(right) is { } b)
            return Math.Sign(string.CompareOrdinal(a, b));
        if (Number(left) is { } l && Number(right) is { } r)
            return l.CompareTo(r);
        var x = Number(left) ?? Parse(Text(left));
        var y = Number(right) ?? Parse(Text(right));
        if (x is not null && y is not null)
            return x.Value.CompareTo(y.Value);
        return null;
    }

    private static decimal? Parse(string? text) =>
        decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? d : null;

    private static string? Text(object? value) =>
        value switch
        {
            string s => s,
            RawText r => r.Text,
            IScriptOutput o => o.ToString(),
            _ => null,
        };

    internal static decimal? Number(object? value)
    {
        try
        {
            return value switch
            {
                long n => n,
                int n => n,
                decimal d => d,
                double d => (decimal)d,
                float f => (decimal)f,
                _ => null,
            };
        }
        catch (OverflowException)
        {
            return null;
        }
    }
}
