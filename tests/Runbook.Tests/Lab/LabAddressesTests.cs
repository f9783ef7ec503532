using Runbook.Lab;

namespace Runbook.Tests.Lab;

/// <summary>
/// Lab addresses: small labs keep 127.0.0.(10 + i), larger ones go on at 127.0.2.1 and never use an address ending
/// in .0 or .255, nor 127.0.1.x (Debian's own hostname address).
/// </summary>
public sealed class LabAddressesTests
{
    [Theory]
    [InlineData(11, 0, "127.0.0.11")]
    [InlineData(11, 243, "127.0.0.254")]
    [InlineData(11, 244, "127.0.2.1")]
    [InlineData(11, 497, "127.0.2.254")]
    [InlineData(11, 498, "127.0.3.1")]
    [InlineData(11, 999, "127.0.4.248")]
    [InlineData(200, 54, "127.0.0.254")]
    [InlineData(200, 55, "127.0.2.1")]
    public void Host_i_gets_its_address(int first, int index, string address) =>
        Assert.Equal(address, LabAddresses.For(first, index));

    [Fact]
    public void Every_address_of_the_largest_lab_is_distinct_and_usable()
    {
        var capacity = LabAddresses.Capacity(11);
        var all = Enumerable.Range(0, capacity).Select(i => LabAddresses.For(11, i)).ToList();

        Assert.Equal(244 + 254 * 254, capacity);
        Assert.Equal(capacity, all.Distinct(StringComparer.Ordinal).Count());
        Assert.All(
            all,
            a =>
            {
                var octets = a.Split('.').Select(int.Parse).ToArray();
                Assert.Equal([127, 0], octets[..2]);
                Assert.NotEqual(1, octets[2]);
                Assert.InRange(octets[3], 1, 254);
            }
        );
        Assert.Throws<ArgumentOutOfRangeException>(() => LabAddresses.For(11, capacity));
    }
}
