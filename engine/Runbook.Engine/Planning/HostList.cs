using System.Globalization;

namespace Runbook.Planning;

/// <summary>
/// A list of hosts or batches written with ranges, for summaries that must stay short at fleet scale: worker-1,
/// worker-2 … worker-192 become "worker-1–worker-192", batches 4.1 … 4.192 "4.1–4.192". A run is names
/// that differ only in a trailing number counting up by one, in the order given; everything else is listed as it is.
/// </summary>
internal static class HostList
{
    public static string Compact(IReadOnlyList<string> names)
    {
        var parts = new List<string>();
        var i = 0;
        while (i < names.Count)
        {
            var j = i;
            while (j + 1 < names.Count && Follows(names[j], names[j + 1]))
                j++;
            if (j - i >= 2)
                parts.Add($"{names[i]}–{names[j]}");
            else
                parts.AddRange(names.Skip(i).Take(j - i + 1));
            i = j + 1;
        }

        return string.Join(", ", parts);
    }

    /// <summary>Whether <paramref name="next"/> is <paramref name="name"/> with its trailing number plus one.</summary>
    private static bool Follows(string name, string next)
    {
        var (prefix, number, digits) = Split(name);
        var (nextPrefix, nextNumber, nextDigits) = Split(next);
        if (number is null || nextNumber is null || prefix != nextPrefix || nextNumber != number + 1)
            return false;
        // Zero-padded numbers keep their width (node-09, node-10); unpadded ones may grow (node-9, node-10).
        var padded = digits.Length > 1 && digits[0] == '0';
        var nextPadded = nextDigits.Length > 1 && nextDigits[0] == '0';
        return padded || nextPadded ? digits.Length == nextDigits.Length : true;
    }

    private static (string Prefix, long? Number, string Digits) Split(string name)
    {
        var start = name.Length;
        while (start > 0 && char.IsAsciiDigit(name[start - 1]))
            start--;
        var digits = name[start..];
        if (digits.Length == 0 || digits.Length > 15)
            return (name, null, digits);
        return (name[..start], long.Parse(digits, CultureInfo.InvariantCulture), digits);
    }
}
