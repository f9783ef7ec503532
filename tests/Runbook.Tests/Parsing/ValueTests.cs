using Runbook.Model;

namespace Runbook.Tests.Parsing;

public class ValueTests
{
    [Theory]
    [InlineData("500ms", "500ms")]
    [InlineData("90s", "1m30s")]
    [InlineData("1h30m", "1h30m")]
    [InlineData("2m", "2m")]
    [InlineData("1d", "1d")]
    public void Durations_parse_and_print_canonically(string text, string canonical)
    {
        Assert.True(Duration.TryParse(text, out var d));
        Assert.Equal(canonical, d.ToString());
    }

    [Theory]
    [InlineData("10 seconds")]
    [InlineData("10")]
    [InlineData("m5")]
    [InlineData("")]
    [InlineData("-5s")]
    [InlineData("1.5h")]
    public void Malformed_durations_are_rejected(string text) => Assert.False(Duration.TryParse(text, out _));

    [Theory]
    [InlineData(new[] { 1, 0 }, 3, "1 1 1")]
    [InlineData(new[] { 2, 0 }, 5, "2 2 1")]
    [InlineData(new[] { 25, 1 }, 8, "2 2 2 2")]
    [InlineData(new[] { 100, 1 }, 8, "8")]
    [InlineData(new[] { 10, 1 }, 5, "1 1 1 1 1")]
    public void Serial_cuts_hosts_into_batches(int[] spec, int hosts, string expected)
    {
        var serial = new SerialSpec([new BatchSize(spec[0], spec[1] == 1)]);
        Assert.Equal(expected, string.Join(' ', serial.BatchSizes(hosts)));
    }

    [Fact]
    public void A_serial_ramp_repeats_its_last_size_like_ansible()
    {
        var serial = new SerialSpec([new BatchSize(1, false), new BatchSize(2, false), new BatchSize(50, true)]);
        Assert.Equal("1 2 5 2", string.Join(' ', serial.BatchSizes(10)));
        Assert.Equal("[1, 2, 50%]", serial.ToString());
    }
}
