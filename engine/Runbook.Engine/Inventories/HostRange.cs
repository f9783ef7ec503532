using System.Globalization;
using Runbook.Diagnostics;

namespace Runbook.Inventories;

/// <summary>
/// One bracketed range of an Ansible host pattern, with Ansible's rules: [1:3], [01:10] (zero padding kept, both ends
/// the same width), [a:c] (single letters), an optional step ([0:20:5]) and an empty start meaning 0.
/// </summary>
internal static class HostRange
{
    /// <summary>Ansible's letter order (Python's string.ascii_letters): a range may run from 'y' to 'B'.</summary>
    private const string Letters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";

    /// <summary>The values of the range written between the brackets; <paramref name="span"/> covers the brackets.</summary>
    public static List<string>? Expand(string range, SourceSpan span, DiagnosticBag diagnostics)
    {
        var parts = range.Split(':');
        if (parts.Length is not (2 or 3))
            return Fail($"'[{range}]' is not a range", span, diagnostics);
        var (start, end) = (parts[0].Length == 0 ? "0" : parts[0], parts[1]);
        if (end.Length == 0)
            return Fail($"the range '[{range}]' has no end", span, diagnostics);
        var step = 1;
        if (
            parts.Length == 3
            && !(int.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out step) && step > 0)
        )
        {
            return Fail($"the step of '[{range}]' must be a whole number above 0", span, diagnostics);
        }

        if (IsDigits(start) && IsDigits(end))
            return Numbers(range, start, end, step, span, diagnostics);
        if (
            start.Length == 1
            && end.Length == 1
            && Letters.Contains(start[0], StringComparison.Ordinal)
            && Letters.Contains(end[0], StringComparison.Ordinal)
        )
        {
            return Characters(
                range,
                Letters.IndexOf(start[0], StringComparison.Ordinal),
                Letters.IndexOf(end[0], StringComparison.Ordinal),
                step,
                span,
                diagnostics
            );
        }

        return Fail(
            $"'[{range}]' is not a range: both ends must be numbers, like [1:3], or single letters, like [a:c]",
            span,
            diagnostics
        );
    }

    private static List<string>? Numbers(
        string range,
        string start,
        string end,
        int step,
        SourceSpan span,
        DiagnosticBag diagnostics
    )
    {
        var width = start.Length > 1 && start[0] == '0' ? start.Length : 0;
        if (width > 0 && end.Length != width)
        {
            return Fail($"the zero-padded range '[{range}]' needs both ends of the same width", span, diagnostics);
        }

        if (
            !long.TryParse(start, NumberStyles.None, CultureInfo.InvariantCulture, out var first)
            || !long.TryParse(end, NumberStyles.None, CultureInfo.InvariantCulture, out var last)
            || (last - first) / step >= HostPattern.MaxHosts
        )
        {
            return Fail($"'[{range}]' stands for more than {HostPattern.MaxHosts:N0} hosts", span, diagnostics);
        }

        if (first > last)
            return Fail($"the range '[{range}]' starts after it ends", span, diagnostics);
        // Counted, not stepped to the end: 'n += step' past long.MaxValue wraps around and never ends (fuzzer finding).
        var count = (last - first) / step + 1;
        var values = new List<string>((int)count);
        for (var k = 0L; k < count; k++)
            values.Add((first + k * step).ToString(CultureInfo.InvariantCulture).PadLeft(width, '0'));
        return values;
    }

    private static List<string>? Characters(
        string range,
        int first,
        int last,
        int step,
        SourceSpan span,
        DiagnosticBag diagnostics
    )
    {
        if (first > last)
            return Fail($"the range '[{range}]' starts after it ends", span, diagnostics);
        var values = new List<string>();
        for (var i = first; i <= last; i += step)
            values.Add(Letters[i].ToString());
        return values;
    }

    private static bool IsDigits(string text) => text.AsSpan().IndexOfAnyExceptInRange('0', '9') < 0;

    private static List<string>? Fail(string message, SourceSpan span, DiagnosticBag diagnostics)
    {
        diagnostics.Error(Codes.BadHostRange, span, message);
        return null;
    }
}
