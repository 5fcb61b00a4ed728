using Tracehound.Model;
using Tracehound.Processing.Logs;
using Xunit;

namespace Tracehound.Tests.Logs;

public sealed class LogCorrelationProcessorTests
{
    private const string TraceHex = "4bf92f3577b34da6a3ce929d0e0e4736";
    private const string SpanHex = "00f067aa0ba902b7";
    private static readonly TraceId FullTrace = new(0x4bf92f3577b34da6, 0xa3ce929d0e0e4736);
    private static readonly TraceId Low64Trace = new(0, 0xa3ce929d0e0e4736);
    private static readonly SpanId Span = new(0x00f067aa0ba902b7);

    // 0xa3ce929d0e0e4736 and 0x00f067aa0ba902b7 in decimal, as Datadog tracers log them.
    private const string TraceLowDecimal = "11803532876627986230";
    private const string SpanDecimal = "67667974448284343";

    public static TheoryData<string, string, string, string, bool> AttributeForms => new()
    {
        { "dd.trace_id", TraceLowDecimal, "dd.span_id", SpanDecimal, true },
        { "DD.TRACE_ID", TraceLowDecimal, "Dd.Span_Id", SpanDecimal, true },
        { "dd.trace_id", TraceHex, "dd.span_id", SpanDecimal, false },
        { "trace_id", TraceHex, "span_id", SpanHex, false },
        { "TraceId", TraceHex, "SpanId", SpanHex, false },
        { "traceid", TraceHex, "spanid", SpanHex, false },
        { "otel.trace_id", TraceHex, "otel.span_id", SpanHex, false },
        { "trace_id", TraceLowDecimal, "span_id", SpanDecimal, true },
        { "contextMap.dd.trace_id", TraceLowDecimal, "contextMap.dd.span_id", SpanDecimal, true },
        { "contextMap.traceId", TraceHex, "contextMap.spanId", SpanHex, false },
        { "named_tags.dd.trace_id", TraceLowDecimal, "named_tags.dd.span_id", SpanDecimal, true },
        { "named_tags.trace_id", TraceHex, "named_tags.span_id", SpanHex, false },
    };

    [Theory]
    [MemberData(nameof(AttributeForms))]
    public void Correlate_FlatAttribute_FillsIds(string traceName, string traceValue, string spanName, string spanValue, bool lowBitsOnly)
    {
        var record = new LogRecord { Attributes = [KeyValue.String(traceName, traceValue), KeyValue.String(spanName, spanValue)] };

        LogCorrelationProcessor.Correlate(record);

        Assert.Equal(lowBitsOnly ? Low64Trace : FullTrace, record.TraceId);
        Assert.Equal(Span, record.SpanId);
    }

    [Theory]
    [InlineData("dd", "trace_id", "span_id", true)]
    [InlineData("contextMap", "traceId", "spanId", false)]
    [InlineData("named_tags", "trace_id", "span_id", false)]
    public void Correlate_NestedMap_FillsIds(string mapName, string traceKey, string spanKey, bool decimalIds)
    {
        var record = new LogRecord
        {
            Attributes =
            [
                new KeyValue(mapName, AnyValue.FromKeyValueList(
                [
                    KeyValue.String(traceKey, decimalIds ? TraceLowDecimal : TraceHex),
                    KeyValue.String(spanKey, decimalIds ? SpanDecimal : SpanHex),
                ])),
            ],
        };

        LogCorrelationProcessor.Correlate(record);

        Assert.Equal(decimalIds ? Low64Trace : FullTrace, record.TraceId);
        Assert.Equal(Span, record.SpanId);
    }

    [Fact]
    public void Correlate_DoublyNestedContextMapDd_FillsIds()
    {
        var dd = AnyValue.FromKeyValueList([KeyValue.String("trace_id", TraceLowDecimal), KeyValue.String("span_id", SpanDecimal)]);
        var record = new LogRecord { Attributes = [new KeyValue("contextMap", AnyValue.FromKeyValueList([new KeyValue("dd", dd)]))] };

        LogCorrelationProcessor.Correlate(record);

        Assert.Equal(Low64Trace, record.TraceId);
        Assert.Equal(Span, record.SpanId);
    }

    [Fact]
    public void Correlate_IntegerAttributes_ReadAsDecimal()
    {
        var record = new LogRecord { Attributes = [KeyValue.Int("dd.trace_id", 1234), KeyValue.Int("dd.span_id", 5678)] };

        LogCorrelationProcessor.Correlate(record);

        Assert.Equal(new TraceId(0, 1234), record.TraceId);
        Assert.Equal(new SpanId(5678), record.SpanId);
    }

    [Fact]
    public void Correlate_DatadogDecimalBesideOtelHex_PrefersTheFull128BitId()
    {
        var record = new LogRecord { Attributes = [KeyValue.String("dd.trace_id", TraceLowDecimal), KeyValue.String("trace_id", TraceHex)] };

        LogCorrelationProcessor.Correlate(record);

        Assert.Equal(FullTrace, record.TraceId);
    }

    [Fact]
    public void Correlate_OtelSpanIdWithoutLetters_ReadsAsHex()
    {
        var record = new LogRecord { Attributes = [KeyValue.String("span_id", "1234567890123456")] };

        LogCorrelationProcessor.Correlate(record);

        Assert.Equal(new SpanId(0x1234567890123456), record.SpanId);
    }

    [Fact]
    public void Correlate_RecordAlreadyHasIds_KeepsThem()
    {
        var own = new TraceId(1, 2);
        var record = new LogRecord { TraceId = own, SpanId = new SpanId(3), Attributes = [KeyValue.String("trace_id", TraceHex), KeyValue.String("span_id", SpanHex)] };

        LogCorrelationProcessor.Correlate(record);

        Assert.Equal(own, record.TraceId);
        Assert.Equal(new SpanId(3), record.SpanId);
        Assert.Equal(2, record.Attributes.Length);
    }

    [Theory]
    [InlineData("not-an-id")]
    [InlineData("0")]
    [InlineData("00000000000000000000000000000000")]
    [InlineData("99999999999999999999999")]
    [InlineData("")]
    public void Correlate_UnusableIdText_LeavesIdsEmpty(string text)
    {
        var record = new LogRecord { Attributes = [KeyValue.String("dd.trace_id", text), KeyValue.String("span_id", text)] };

        LogCorrelationProcessor.Correlate(record);

        Assert.True(record.TraceId.IsEmpty);
        Assert.True(record.SpanId.IsEmpty);
    }

    [Fact]
    public void Correlate_UnrelatedNames_AreIgnored()
    {
        var record = new LogRecord { Attributes = [KeyValue.String("my.trace_id", TraceHex), KeyValue.String("parent_span_id", SpanHex), KeyValue.String("x.dd.trace_id", "42")] };

        LogCorrelationProcessor.Correlate(record);

        Assert.True(record.TraceId.IsEmpty);
        Assert.True(record.SpanId.IsEmpty);
    }

    [Theory]
    [InlineData("INFO", 9)]
    [InlineData("Warning", 13)]
    [InlineData("error", 17)]
    [InlineData("CRITICAL", 21)]
    [InlineData("debug", 5)]
    [InlineData("trace", 1)]
    [InlineData("18", 18)]
    public void Correlate_SeverityText_SetsNumber(string text, int expected)
    {
        var record = new LogRecord { SeverityText = text };

        LogCorrelationProcessor.Correlate(record);

        Assert.Equal(expected, record.SeverityNumber);
    }

    [Theory]
    [InlineData("status", "error", 17)]
    [InlineData("level", "warn", 13)]
    [InlineData("Level", "Information", 9)]
    [InlineData("severity", "fatal", 21)]
    public void Correlate_SeverityAttribute_SetsNumberAndText(string name, string value, int expected)
    {
        var record = new LogRecord { Attributes = [KeyValue.String(name, value)] };

        LogCorrelationProcessor.Correlate(record);

        Assert.Equal(expected, record.SeverityNumber);
        Assert.Equal(value, record.SeverityText);
    }

    [Theory]
    [InlineData("syslog.severity", 3, 17)]
    [InlineData("level", 13, 13)]
    public void Correlate_NumericSeverityAttribute_SetsNumber(string name, long value, int expected)
    {
        var record = new LogRecord { Attributes = [KeyValue.Int(name, value)] };

        LogCorrelationProcessor.Correlate(record);

        Assert.Equal(expected, record.SeverityNumber);
    }

    [Fact]
    public void Correlate_SeverityNumberSet_KeepsIt()
    {
        var record = new LogRecord { SeverityNumber = 5, Attributes = [KeyValue.String("level", "error")] };

        LogCorrelationProcessor.Correlate(record);

        Assert.Equal(5, record.SeverityNumber);
    }

    [Theory]
    [InlineData("msg")]
    [InlineData("message")]
    [InlineData("MESSAGE")]
    [InlineData("log")]
    public void Correlate_NoBody_TakesMessageAttribute(string name)
    {
        var record = new LogRecord { Attributes = [KeyValue.String("other", "x"), KeyValue.String(name, "user signed in")] };

        LogCorrelationProcessor.Correlate(record);

        Assert.Equal("user signed in", record.Body.ToString());
    }

    [Fact]
    public void Correlate_BodyPresent_KeepsBody()
    {
        var record = new LogRecord { Body = AnyValue.FromString("own"), Attributes = [KeyValue.String("message", "other")] };

        LogCorrelationProcessor.Correlate(record);

        Assert.Equal("own", record.Body.ToString());
    }

    [Fact]
    public void Process_Batch_CorrelatesEveryRecord()
    {
        var batch = new LogBatch([
            new LogRecord { Attributes = [KeyValue.String("trace_id", TraceHex)] },
            new LogRecord { Attributes = [KeyValue.String("dd.trace_id", TraceLowDecimal)] },
        ]);

        new LogCorrelationProcessor().Process(batch);

        Assert.Equal([FullTrace, Low64Trace], batch.Records.Select(r => r.TraceId));
    }
}
