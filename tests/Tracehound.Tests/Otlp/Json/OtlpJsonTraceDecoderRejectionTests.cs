namespace Tracehound.Tests.Otlp.Json;

/// <summary>Spans with unusable ids are rejected one by one (OTLP partial success); the others are kept.</summary>
public sealed class OtlpJsonTraceDecoderRejectionTests
{
    private const string GoodTrace = "0102030405060708090a0b0c0d0e0f10";
    private const string GoodSpan = "1112131415161718";

    [Theory]
    [InlineData("\"traceId\":\"0102030405060708090a0b0c0d0e0f\",\"spanId\":\"" + GoodSpan + "\"", "traceId must be 32 hex digits")]
    [InlineData("\"traceId\":\"0102030405060708090a0b0c0d0e0f1011\",\"spanId\":\"" + GoodSpan + "\"", "traceId must be 32 hex digits")]
    [InlineData("\"traceId\":\"0102030405060708090a0b0c0d0e0fzz\",\"spanId\":\"" + GoodSpan + "\"", "traceId must be 32 hex digits")]
    [InlineData("\"traceId\":\"AQIDBAUGBwgJCgsMDQ4PEA==\",\"spanId\":\"" + GoodSpan + "\"", "traceId must be 32 hex digits")]
    [InlineData("\"traceId\":\"00000000000000000000000000000000\",\"spanId\":\"" + GoodSpan + "\"", "traceId is missing or all zeros")]
    [InlineData("\"spanId\":\"" + GoodSpan + "\"", "traceId is missing or all zeros")]
    [InlineData("\"traceId\":\"\",\"spanId\":\"" + GoodSpan + "\"", "traceId must be 32 hex digits")]
    [InlineData("\"traceId\":null,\"spanId\":\"" + GoodSpan + "\"", "traceId is missing or all zeros")]
    [InlineData("\"traceId\":\"" + GoodTrace + "\",\"spanId\":\"11121314151617\"", "spanId must be 16 hex digits")]
    [InlineData("\"traceId\":\"" + GoodTrace + "\",\"spanId\":\"11121314151617-8\"", "spanId must be 16 hex digits")]
    [InlineData("\"traceId\":\"" + GoodTrace + "\",\"spanId\":\"0000000000000000\"", "spanId is missing or all zeros")]
    [InlineData("\"traceId\":\"" + GoodTrace + "\"", "spanId is missing or all zeros")]
    [InlineData("\"traceId\":\"" + GoodTrace + "\",\"spanId\":\"\"", "spanId must be 16 hex digits")]
    [InlineData("\"traceId\":\"" + GoodTrace + "\",\"spanId\":\"" + GoodSpan + "\",\"parentSpanId\":\"0102\"", "parentSpanId must be 16 hex digits")]
    [InlineData("\"traceId\":\"" + GoodTrace + "\",\"spanId\":\"" + GoodSpan + "\",\"parentSpanId\":\"0102030405060708090a0b0c0d0e0f10\"", "parentSpanId must be 16 hex digits")]
    [InlineData("\"traceId\":\"" + GoodTrace + "\",\"spanId\":\"" + GoodSpan + "\",\"links\":[{\"traceId\":\"" + GoodTrace + "\"}]", "links[0] has a missing or all-zero traceId or spanId")]
    [InlineData("\"traceId\":\"" + GoodTrace + "\",\"spanId\":\"" + GoodSpan + "\",\"links\":[null,{\"traceId\":\"" + GoodTrace + "\",\"spanId\":\"12\"}]", "links.spanId must be 16 hex digits")]
    public void Decode_SpanWithBadIds_RejectsOnlyThatSpan(string idMembers, string reason)
    {
        var bad = "{" + idMembers + ",\"name\":\"bad\"}";
        var json = OtlpJson.Request(OtlpJson.Span(), bad, OtlpJson.Span(spanId: "1112131415161719"));

        var batch = OtlpJson.Decode(json);

        Assert.Equal(["op", "op"], batch.Spans.Select(s => s.Name));
        Assert.Equal(1, batch.RejectedSpans);
        Assert.Equal($"resourceSpans[0].scopeSpans[0].spans[1]: {reason}", batch.RejectionMessage);
    }

    [Theory]
    [InlineData("\"parentSpanId\":\"\"")]
    [InlineData("\"parentSpanId\":null")]
    [InlineData("\"parentSpanId\":\"0000000000000000\"")]
    public void Decode_EmptyOrZeroParent_IsRootSpan(string parent)
    {
        var batch = OtlpJson.Decode(OtlpJson.Request(OtlpJson.Span(parent)));

        Assert.True(Assert.Single(batch.Spans).ParentSpanId.IsEmpty);
        Assert.Equal(0, batch.RejectedSpans);
    }

    [Fact]
    public void Decode_SeveralBadSpans_CountsAllAndKeepsTheFirstReason()
    {
        var json = OtlpJson.Request(
            OtlpJson.Span(traceId: "00"),
            OtlpJson.Span(),
            OtlpJson.Span(spanId: "0000000000000000"),
            OtlpJson.Span(traceId: "00000000000000000000000000000000"));

        var batch = OtlpJson.Decode(json);

        Assert.Equal(1, batch.Count);
        Assert.Equal(3, batch.RejectedSpans);
        Assert.Equal("resourceSpans[0].scopeSpans[0].spans[0]: traceId must be 32 hex digits", batch.RejectionMessage);
    }

    [Fact]
    public void Decode_OnlyBadSpans_ReturnsEmptyBatchWithRejections()
    {
        var batch = OtlpJson.Decode(OtlpJson.Request(OtlpJson.Span(spanId: "x"), OtlpJson.Span(spanId: "y")));

        Assert.Equal(0, batch.Count);
        Assert.Equal(2, batch.RejectedSpans);
    }
}
