using System.Globalization;

namespace Runbook.Lab;

/// <summary>
/// The loopback address of each lab host. The first hosts keep the addresses labs always had, 127.0.0.(FirstOctet + i),
/// so existing inventories, tests and docs stay valid; past 127.0.0.254 the fleet goes on at 127.0.2.1 .. 127.0.2.254,
/// 127.0.3.1 and so on up to 127.0.255.254. Every address ending in .0 or .255 is skipped (they read as network and
/// broadcast addresses to people and some tools), and so is 127.0.1.0/24, where Debian's /etc/hosts puts the
/// machine's own name (127.0.1.1).
/// </summary>
public static class LabAddresses
{
    private const int PerBlock = 254;
    private const int FirstOverflowBlock = 2;
    private const int LastBlock = 255;

    /// <summary>How many hosts a lab whose first host is 127.0.0.<paramref name="firstOctet"/> has room for.</summary>
    public static int Capacity(int firstOctet) =>
        (PerBlock + 1 - firstOctet) + (LastBlock - FirstOverflowBlock + 1) * PerBlock;

    /// <summary>
    /// The address of host <paramref name="index"/> (0-based) of a lab whose first host is
    /// 127.0.0.<paramref name="firstOctet"/>.
    /// </summary>
    public static string For(int firstOctet, int index)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(firstOctet, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(firstOctet, PerBlock);
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Capacity(firstOctet));
        var octet = firstOctet + index;
        if (octet <= PerBlock)
            return "127.0.0." + octet.ToString(CultureInfo.InvariantCulture);
        var overflow = octet - PerBlock - 1;
        var block = FirstOverflowBlock + overflow / PerBlock;
        var last = 1 + overflow % PerBlock;
        return string.Create(CultureInfo.InvariantCulture, $"127.0.{block}.{last}");
    }
}
