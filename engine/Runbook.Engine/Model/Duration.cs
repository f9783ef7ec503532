using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Runbook.Model;

/// <summary>A duration written like Go and systemd: 500ms, 10s, 5m, 1h30m.</summary>
public readonly partial record struct Duration(TimeSpan Value) : IComparable<Duration>
{
    public static bool TryParse(string? text, out Duration duration)
    {
        duration = default;
        if (string.IsNullOrWhiteSpace(text))
            return false;
        var m = Pattern().Match(text.Trim());
        if (!m.Success || m.Groups["part"].Captures.Count == 0)
            return false;
        long ms = 0;
        for (var i = 0; i < m.Groups["n"].Captures.Count; i++)
        {
            var n = long.Parse(m.Groups["n"].Captures[i].Value, CultureInfo.InvariantCulture);
            var unit = m.Groups["u"].Captures[i].Value;
            ms += unit switch
            {
                "ms" => n,
                "s" => n * 1000,
                "m" => n * 60_000,
                "h" => n * 3_600_000,
                _ => n * 86_400_000,
            };
            if (ms > TimeSpan.FromDays(365).TotalMilliseconds)
                return false;
        }

        duration = new Duration(TimeSpan.FromMilliseconds(ms));
        return true;
    }

    public int CompareTo(Duration other) => Value.CompareTo(other.Value);

    public static bool operator <(Duration a, Duration b) => a.Value < b.Value;

    public static bool operator >(Duration a, Duration b) => a.Value > b.Value;

    public static bool operator <=(Duration a, Duration b) => a.Value <= b.Value;

    public static bool operator >=(Duration a, Duration b) => a.Value >= b.Value;

    /// <summary>Canonical text: the largest units first, so 90s prints as 1m30s.</summary>
    public override string ToString()
    {
        var ms = (long)Value.TotalMilliseconds;
        if (ms == 0)
            return "0s";
        var sb = new StringBuilder();
        Append(sb, ref ms, 86_400_000, "d");
        Append(sb, ref ms, 3_600_000, "h");
        Append(sb, ref ms, 60_000, "m");
        Append(sb, ref ms, 1000, "s");
        Append(sb, ref ms, 1, "ms");
        return sb.ToString();
    }

    private static void Append(StringBuilder sb, ref long ms, long unit, string suffix)
    {
        if (ms < unit)
            return;
        sb.Append((ms / unit).ToString(CultureInfo.InvariantCulture)).Append(suffix);
        ms %= unit;
    }

    [GeneratedRegex(@"^(?<part>(?<n>\d{1,9})(?<u>ms|s|m|h|d))+$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
