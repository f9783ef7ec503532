using System.Globalization;

namespace Runbook.Cli.Output;

internal static class Durations
{
    /// <summary>Short human durations: 340ms, 2.4s, 3m05s.</summary>
    public static string Short(TimeSpan? value)
    {
        var d = value ?? TimeSpan.Zero;
        if (d < TimeSpan.FromSeconds(1))
            return ((int)d.TotalMilliseconds).ToString(CultureInfo.InvariantCulture) + "ms";
        if (d < TimeSpan.FromMinutes(1))
            return d.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture) + "s";
        return $"{(int)d.TotalMinutes}m{d.Seconds:00}s";
    }
}
