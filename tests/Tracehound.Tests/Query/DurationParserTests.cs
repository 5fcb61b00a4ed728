using Tracehound.Query.Parsing;

namespace Tracehound.Tests.Query;

public sealed class DurationParserTests
{
    [Theory]
    [InlineData("300ms", 300_000_000L)]
    [InlineData("1.5s", 1_500_000_000L)]
    [InlineData("2m", 120_000_000_000L)]
    [InlineData("100us", 100_000L)]
    [InlineData("100µs", 100_000L)]
    [InlineData("100μs", 100_000L)]
    [InlineData("250ns", 250L)]
    [InlineData("1h30m", 5_400_000_000_000L)]
    [InlineData(".5s", 500_000_000L)]
    [InlineData("0", 0L)]
    [InlineData("+1s", 1_000_000_000L)]
    public void TryParseNanos_GoDuration_ReturnsNanos(string text, long nanos)
    {
        Assert.True(DurationParser.TryParseNanos(text, false, out var parsed, out var error), error);
        Assert.Equal(nanos, parsed);
    }

    [Theory]
    [InlineData("2d", 172_800_000_000_000L)]
    [InlineData("1w", 604_800_000_000_000L)]
    [InlineData("1h", 3_600_000_000_000L)]
    public void TryParseNanos_LookbackUnits_ReturnsNanos(string text, long nanos)
    {
        Assert.True(DurationParser.TryParseNanos(text, true, out var parsed, out _));
        Assert.Equal(nanos, parsed);
    }

    [Theory]
    [InlineData("")]
    [InlineData("10")]
    [InlineData("ms")]
    [InlineData("10 ms")]
    [InlineData("1.2.3s")]
    [InlineData("-5s")]
    [InlineData("5x")]
    [InlineData("2d")]
    [InlineData("1.s5")]
    [InlineData("99999999999999999999h")]
    public void TryParseNanos_Malformed_Fails(string text)
    {
        Assert.False(DurationParser.TryParseNanos(text, false, out _, out var error));
        Assert.NotEmpty(error);
    }
}
