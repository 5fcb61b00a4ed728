using Tracehound.Model;
using Tracehound.Query.Parsing;
using Tracehound.Storage;

namespace Tracehound.Tests.Query;

public sealed class TraceIdParserTests
{
    [Fact]
    public void TryParse_32Hex_LooksUpFullId()
    {
        Assert.True(TraceIdParser.TryParse("0AF7651916CD43DD8448EB211C80319C", out var request, out _));

        Assert.Equal(TraceLookup.Full(TestTraces.FullId), request.Lookup);
        Assert.Null(request.DecimalFallback);
    }

    [Fact]
    public void TryParse_17To31Hex_LooksUpFullIdLeftPadded()
    {
        Assert.True(TraceIdParser.TryParse("1" + "0000000000abcdef", out var request, out _));

        Assert.Equal(TraceLookup.Full(new TraceId(1, 0xabcdef)), request.Lookup);
    }

    [Theory]
    [InlineData("8448eb211c80319c", 0x8448eb211c80319cUL)]
    [InlineData("abcdef", 0xabcdefUL)]
    [InlineData("0000000000abcdef", 0xabcdefUL)]
    public void TryParse_UpTo16Hex_LooksUpLow64(string text, ulong low)
    {
        Assert.True(TraceIdParser.TryParse(text, out var request, out _));

        Assert.Equal(TraceLookup.ByLow64(low), request.Lookup);
        Assert.Null(request.DecimalFallback);
    }

    [Fact]
    public void TryParse_20DigitDecimal_HexFirstThenDecimalLow64()
    {
        Assert.True(TraceIdParser.TryParse("9532127138774266268", out var request, out _));

        Assert.Equal(TraceLookup.Full(new TraceId(0x953, 0x2127138774266268)), request.Lookup);
        Assert.Equal(TraceLookup.ByLow64(9532127138774266268), request.DecimalFallback);
    }

    [Fact]
    public void TryParse_16DigitDecimal_HexLow64ThenDecimalLow64()
    {
        Assert.True(TraceIdParser.TryParse("1234567890123456", out var request, out _));

        Assert.Equal(TraceLookup.ByLow64(0x1234567890123456), request.Lookup);
        Assert.Equal(TraceLookup.ByLow64(1234567890123456), request.DecimalFallback);
    }

    [Fact]
    public void TryParse_SingleDigit_HasNoRedundantFallback()
    {
        Assert.True(TraceIdParser.TryParse("7", out var request, out _));

        Assert.Equal(TraceLookup.ByLow64(7), request.Lookup);
        Assert.Null(request.DecimalFallback);
    }

    [Theory]
    [InlineData("")]
    [InlineData("xyz")]
    [InlineData("0af7651916cd43dd8448eb211c80319c0")]
    [InlineData("00000000000000000000000000000000")]
    [InlineData("0")]
    [InlineData("-1")]
    [InlineData(" abc")]
    [InlineData("0x1f")]
    public void TryParse_Malformed_FailsWithReason(string text)
    {
        Assert.False(TraceIdParser.TryParse(text, out _, out var error));
        Assert.NotEmpty(error);
    }

    [Fact]
    public async Task FindAsync_HexMisses_FallsBackToDecimal()
    {
        var store = new InMemoryTraceStore();
        store.Add(TestTraces.Trace(TestTraces.DecimalLookingId));
        Assert.True(TraceIdParser.TryParse("1234567890123456", out var request, out _));

        var trace = await TraceIdParser.FindAsync(store, request, CancellationToken.None);

        Assert.NotNull(trace);
        Assert.Equal(TestTraces.DecimalLookingId, trace.TraceId);
        Assert.Equal([request.Lookup, request.DecimalFallback!.Value], store.Lookups);
    }

    [Fact]
    public async Task FindAsync_HexHits_DoesNotTryDecimal()
    {
        var store = new InMemoryTraceStore();
        var hexReading = new TraceId(0, 0x1234567890123456);
        store.Add(TestTraces.Trace(hexReading));
        Assert.True(TraceIdParser.TryParse("1234567890123456", out var request, out _));

        var trace = await TraceIdParser.FindAsync(store, request, CancellationToken.None);

        Assert.Equal(hexReading, trace?.TraceId);
        Assert.Single(store.Lookups);
    }
}
