using System.Buffers;
using System.Text;
using Tracehound.Ingest.Otlp;
using Tracehound.Ingest.Otlp.Json;
using Tracehound.Ingest.Otlp.Protobuf;
using Tracehound.Model;
using Tracehound.Tests.Otlp.Protobuf;

namespace Tracehound.Tests.Otlp.Logs;

/// <summary>Truncated, malformed and edge-case logs payloads.</summary>
public sealed class OtlpLogsDecoderRobustnessTests
{
    public static TheoryData<string, string> Fixtures => new()
    {
        { "otel-js-logs-grpc", "001.bin" },
        { "otel-js-logs-http-proto", "001.bin" },
        { "otel-js-logs-http-json", "001.bin" },
        { "otel-dotnet-grpc", "002.bin" },
    };

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void Decode_TruncatedAtEveryOffset_ThrowsOtlpDecodeException(string label, string file)
    {
        var fixture = LogsFixture.Load(label, file);

        // Every fixture holds one resourceLogs (protobuf: one top-level field), so any proper prefix is malformed.
        for (var length = 1; length < fixture.Payload.Length; length++)
        {
            var prefix = fixture.Payload.AsSpan(0, length).ToArray();
            Assert.Throws<OtlpDecodeException>(() => fixture.Decode(prefix));
        }
    }

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void Decode_SplitIntoSegments_SameAsWhole(string label, string file)
    {
        var fixture = LogsFixture.Load(label, file);
        var sequence = SegmentedSequence.Chunks(fixture.Payload, 7);

        var split = fixture.IsJson ? OtlpJsonLogsDecoder.Decode(sequence) : OtlpProtobufLogsDecoder.Decode(sequence);

        Assert.Equal(
            fixture.Decode().Records.Select(r => $"{r.TraceId}|{r.SpanId}|{r.Body}|{r.TimeUnixNano}"),
            split.Records.Select(r => $"{r.TraceId}|{r.SpanId}|{r.Body}|{r.TimeUnixNano}"));
    }

    [Fact]
    public void DecodeProtobuf_EmptyPayload_EmptyBatch()
    {
        Assert.Equal(0, OtlpProtobufLogsDecoder.Decode(ReadOnlySequence<byte>.Empty).Count);
    }

    [Theory]
    [InlineData(15, 8)]
    [InlineData(17, 8)]
    [InlineData(0, 8)]
    public void DecodeProtobuf_WrongLengthIds_IdsDroppedRecordKept(int traceIdLength, int spanIdLength)
    {
        var payload = ProtobufRequest(record => record
            .Bytes(9, Enumerable.Range(1, traceIdLength).Select(i => (byte)i).ToArray())
            .Bytes(10, Enumerable.Range(1, spanIdLength).Select(i => (byte)i).ToArray())
            .Message(5, body => body.String(1, "hello")));

        var batch = OtlpProtobufLogsDecoder.Decode(new ReadOnlySequence<byte>(payload));

        var record = Assert.Single(batch.Records);
        Assert.Equal("hello", record.Body.AsString());
        Assert.True(record.TraceId.IsEmpty);

        // Without a usable trace id the span id is no context either, so it goes too.
        Assert.True(record.SpanId.IsEmpty);
        Assert.Equal(0, batch.RejectedLogRecords);
    }

    [Fact]
    public void DecodeProtobuf_WrongLengthSpanId_OnlySpanIdDropped()
    {
        var payload = ProtobufRequest(record => record
            .Bytes(9, Enumerable.Range(1, 16).Select(i => (byte)i).ToArray())
            .Bytes(10, [1, 2, 3]));

        var record = Assert.Single(OtlpProtobufLogsDecoder.Decode(new ReadOnlySequence<byte>(payload)).Records);

        Assert.Equal("0102030405060708090a0b0c0d0e0f10", record.TraceId.ToHex());
        Assert.True(record.SpanId.IsEmpty);
    }

    [Fact]
    public void DecodeProtobuf_AllFields_Mapped()
    {
        var traceId = Enumerable.Range(1, 16).Select(i => (byte)i).ToArray();
        var spanId = Enumerable.Range(0x11, 8).Select(i => (byte)i).ToArray();
        var payload = ProtobufRequest(record => record
            .Fixed64(1, 1_000)
            .Fixed64(11, 2_000)
            .Varint(2, 21)
            .String(3, "FATAL")
            .Message(5, body => body.Bytes(7, [1, 2, 3]))
            .Message(6, kv => kv.String(1, "k").Message(2, v => v.Varint(3, unchecked((ulong)-5))))
            .Varint(7, 3)
            .Fixed32(8, 1)
            .Bytes(9, traceId)
            .Bytes(10, spanId)
            .String(12, "my.event")
            .Varint(99, 1));

        var record = Assert.Single(OtlpProtobufLogsDecoder.Decode(new ReadOnlySequence<byte>(payload)).Records);

        Assert.Equal(1_000, record.TimeUnixNano);
        Assert.Equal(2_000, record.ObservedTimeUnixNano);
        Assert.Equal(21, record.SeverityNumber);
        Assert.Equal("FATAL", record.SeverityText);
        Assert.Equal([1, 2, 3], record.Body.AsBytes());
        Assert.Equal([KeyValue.Int("k", -5)], record.Attributes);
        Assert.Equal(3u, record.DroppedAttributesCount);
        Assert.Equal(1u, record.Flags);
        Assert.Equal("0102030405060708090a0b0c0d0e0f10", record.TraceId.ToHex());
        Assert.Equal("1112131415161718", record.SpanId.ToHex());
        Assert.Equal("my.event", record.EventName);
    }

    [Fact]
    public void DecodeProtobuf_BodyNestedTooDeep_ThrowsOtlpDecodeException()
    {
        var value = new ProtoMessageBuilder().String(1, "leaf");
        for (var i = 0; i < 40; i++)
        {
            var inner = value;
            value = new ProtoMessageBuilder().Message(5, array => array.Message(1, inner));
        }

        var payload = ProtobufRequest(record => record.Message(5, value));

        Assert.Throws<OtlpDecodeException>(() => OtlpProtobufLogsDecoder.Decode(new ReadOnlySequence<byte>(payload)));
    }

    [Fact]
    public void DecodeProtobuf_LengthBeyondPayload_ThrowsOtlpDecodeException()
    {
        byte[] payload = [0x0a, 0x7f, 0x12, 0x00];

        var ex = Assert.Throws<OtlpDecodeException>(() => OtlpProtobufLogsDecoder.Decode(new ReadOnlySequence<byte>(payload)));
        Assert.NotEmpty(ex.Message);
    }

    [Theory]
    [InlineData("0102030405060708090a0b0c0d0e0f", "1112131415161718")]
    [InlineData("zz02030405060708090a0b0c0d0e0f10", "1112131415161718")]
    [InlineData("", "1112131415161718")]
    public void DecodeJson_BadTraceId_IdsDroppedRecordKept(string traceId, string spanId)
    {
        var batch = DecodeJson($$$"""{"resourceLogs":[{"scopeLogs":[{"logRecords":[{"traceId":"{{{traceId}}}","spanId":"{{{spanId}}}","body":{"stringValue":"hi"}}]}]}]}""");

        var record = Assert.Single(batch.Records);
        Assert.Equal("hi", record.Body.AsString());
        Assert.True(record.TraceId.IsEmpty);
        Assert.True(record.SpanId.IsEmpty);
        Assert.Equal(0, batch.RejectedLogRecords);
    }

    [Fact]
    public void DecodeJson_BadSpanId_OnlySpanIdDropped()
    {
        var batch = DecodeJson("""{"resourceLogs":[{"scopeLogs":[{"logRecords":[{"traceId":"0102030405060708090a0b0c0d0e0f10","spanId":"1112"}]}]}]}""");

        var record = Assert.Single(batch.Records);
        Assert.Equal("0102030405060708090a0b0c0d0e0f10", record.TraceId.ToHex());
        Assert.True(record.SpanId.IsEmpty);
    }

    [Fact]
    public void DecodeJson_SnakeCaseAndEnumNames_Mapped()
    {
        var batch = DecodeJson("""
            {"resource_logs":[{"resource":{"attributes":[{"key":"service.name","value":{"stringValue":"svc"}}]},
              "scope_logs":[{"scope":{"name":"s"},"log_records":[{"time_unix_nano":"5","observed_time_unix_nano":6,
              "severity_number":"SEVERITY_NUMBER_WARN2","severity_text":"W","event_name":"e","flags":1,
              "dropped_attributes_count":2,"body":{"string_value":"b"}}]}]}]}
            """);

        var record = Assert.Single(batch.Records);
        Assert.Equal("svc", record.ServiceName);
        Assert.Equal("s", record.Scope.Name);
        Assert.Equal(5, record.TimeUnixNano);
        Assert.Equal(6, record.ObservedTimeUnixNano);
        Assert.Equal(14, record.SeverityNumber);
        Assert.Equal("W", record.SeverityText);
        Assert.Equal("e", record.EventName);
        Assert.Equal(1u, record.Flags);
        Assert.Equal(2u, record.DroppedAttributesCount);
        Assert.Equal("b", record.Body.AsString());
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("""{"resourceLogs":{}}""")]
    [InlineData("""{"resourceLogs":[{"scopeLogs":[{"logRecords":[{"body":"text"}]}]}]}""")]
    [InlineData("""{"resourceLogs":[{"scopeLogs":[{"logRecords":[{"severityNumber":true}]}]}]}""")]
    [InlineData("""{"resourceLogs":[{"scopeLogs":[{"logRecords":[{"timeUnixNano":"soon"}]}]}]}""")]
    [InlineData("""{"resourceLogs":[]} {}""")]
    public void DecodeJson_Malformed_ThrowsOtlpDecodeException(string json)
    {
        var ex = Assert.Throws<OtlpDecodeException>(() => DecodeJson(json));
        Assert.NotEmpty(ex.Message);
    }

    private static LogBatch DecodeJson(string json) => OtlpJsonLogsDecoder.Decode(new ReadOnlySequence<byte>(Encoding.UTF8.GetBytes(json)));

    private static byte[] ProtobufRequest(Action<ProtoMessageBuilder> buildRecord) =>
        new ProtoMessageBuilder()
            .Message(1, resourceLogs => resourceLogs
                .Message(1, resource => resource.Message(1, kv => kv.String(1, "service.name").Message(2, v => v.String(1, "svc"))))
                .Message(2, scopeLogs => scopeLogs
                    .Message(1, scope => scope.String(1, "scope"))
                    .Message(2, buildRecord)))
            .ToArray();
}
