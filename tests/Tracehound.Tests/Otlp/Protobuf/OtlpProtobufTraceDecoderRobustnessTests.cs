using System.Buffers;
using Tracehound.Ingest.Otlp;
using Tracehound.Ingest.Otlp.Protobuf;
using Tracehound.Model;

namespace Tracehound.Tests.Otlp.Protobuf;

/// <summary>Cut, split and lying payloads: the decoder must answer with a reason, never crash or read past the end.</summary>
public sealed class OtlpProtobufTraceDecoderRobustnessTests
{
    public static TheoryData<string> Fixtures => new()
    {
        "otel-js-traces-grpc",
        "otel-js-traces-http-proto",
        "otel-dotnet-grpc",
        "otel-dotnet-http-proto",
    };

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void Decode_FixtureCutAtEveryOffset_ThrowsOtlpDecodeExceptionOrDecodesAPrefix(string label)
    {
        var payload = OtlpFixture.Load(label).Payload;
        var full = OtlpProtobufTraceDecoder.Decode(new ReadOnlySequence<byte>(payload));
        var threw = 0;

        for (var length = 1; length < payload.Length; length++)
        {
            var cut = new ReadOnlySequence<byte>(payload, 0, length);
            try
            {
                var batch = OtlpProtobufTraceDecoder.Decode(cut);

                // A cut can only land exactly between two top-level resource_spans fields and still be
                // valid protobuf; then it holds fewer spans, never invented ones.
                Assert.True(batch.Count < full.Count, $"cut at {length} decoded {batch.Count} spans");
            }
            catch (OtlpDecodeException ex)
            {
                Assert.False(string.IsNullOrWhiteSpace(ex.Message));
                threw++;
            }
        }

        // Every fixture has a single top-level field, so every proper prefix is truncated.
        Assert.Equal(payload.Length - 1, threw);
    }

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void Decode_FixtureInTwoSegments_DecodesLikeOneSegment(string label)
    {
        var payload = OtlpFixture.Load(label).Payload;
        var expected = OtlpProtobufTraceDecoder.Decode(new ReadOnlySequence<byte>(payload));

        foreach (var cut in new[] { 1, payload.Length / 3, payload.Length / 2, payload.Length - 1 })
        {
            var actual = OtlpProtobufTraceDecoder.Decode(SegmentedSequence.Split(payload, cut));
            AssertSameSpans(expected, actual);
        }
    }

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void Decode_FixtureInManySegments_DecodesLikeOneSegment(string label)
    {
        var payload = OtlpFixture.Load(label).Payload;
        var expected = OtlpProtobufTraceDecoder.Decode(new ReadOnlySequence<byte>(payload));

        foreach (var chunk in new[] { 1, 7, 64, 1000 })
        {
            var sequence = SegmentedSequence.Chunks(payload, chunk);
            Assert.False(sequence.IsSingleSegment);
            AssertSameSpans(expected, OtlpProtobufTraceDecoder.Decode(sequence));
        }
    }

    [Fact]
    public void Decode_LengthLongerThanThePayload_ThrowsWithFieldAndOffset()
    {
        // resource_spans (field 1) claims 100 bytes but 2 follow.
        var payload = new ProtoMessageBuilder().Raw(0x0a, 100, 0x1a, 0x00).ToArray();

        var ex = Assert.Throws<OtlpDecodeException>(() => OtlpProtobufTraceDecoder.Decode(new ReadOnlySequence<byte>(payload)));

        Assert.Equal("truncated length-delimited field 1 at offset 1", ex.Message);
    }

    [Fact]
    public void Decode_InnerLengthLongerThanItsParent_Throws()
    {
        // A span whose name claims more bytes than its span message holds, while the payload
        // itself has enough bytes after it: the inner length must be checked against the parent.
        var span = new ProtoMessageBuilder().Raw(0x2a, 50, (byte)'x');
        var payload = new ProtoMessageBuilder()
            .Message(1, rs => rs.Message(2, ss => ss.Message(2, span).Bytes(99, new byte[60])))
            .ToArray();

        var ex = Assert.Throws<OtlpDecodeException>(() => OtlpProtobufTraceDecoder.Decode(new ReadOnlySequence<byte>(payload)));

        Assert.StartsWith("truncated length-delimited field 5 at offset", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_LengthOverInt32_Throws()
    {
        var payload = new ProtoMessageBuilder().Raw(0x0a, 0xff, 0xff, 0xff, 0xff, 0x7f).ToArray();

        Assert.Throws<OtlpDecodeException>(() => OtlpProtobufTraceDecoder.Decode(new ReadOnlySequence<byte>(payload)));
    }

    [Fact]
    public void Decode_VarintLongerThanTenBytes_Throws()
    {
        var payload = new ProtoMessageBuilder().Raw(0x08, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01).ToArray();

        var ex = Assert.Throws<OtlpDecodeException>(() => OtlpProtobufTraceDecoder.Decode(new ReadOnlySequence<byte>(payload)));

        Assert.Contains("varint longer than 10 bytes", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new byte[] { 0x00 })] // field number 0
    [InlineData(new byte[] { 0x0e })] // wire type 6
    [InlineData(new byte[] { 0x0f })] // wire type 7
    [InlineData(new byte[] { 0x0c })] // end-group with no start
    [InlineData(new byte[] { 0x0b, 0x08, 0x01 })] // start-group never ended
    [InlineData(new byte[] { 0x0b, 0x14 })] // start-group 1 closed by end-group 2
    [InlineData(new byte[] { 0x09, 0x01, 0x02 })] // truncated fixed64
    [InlineData(new byte[] { 0x0d, 0x01 })] // truncated fixed32
    public void Decode_InvalidWireStructure_Throws(byte[] payload)
    {
        Assert.Throws<OtlpDecodeException>(() => OtlpProtobufTraceDecoder.Decode(new ReadOnlySequence<byte>(payload)));
    }

    [Fact]
    public void Decode_AttributeNestedDeeperThanTheCap_Throws()
    {
        var span = OtlpPayloads.Span("deep").Message(9, OtlpPayloads.KeyValue("deep", OtlpPayloads.NestedArrays(OtlpTraceMessageDecoder.MaxAnyValueDepth)));

        var ex = Assert.Throws<OtlpDecodeException>(() => OtlpProtobufTraceDecoder.Decode(new ReadOnlySequence<byte>(OtlpPayloads.Request(span))));

        Assert.Contains("nested deeper than 32", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_AttributeNestedUpToTheCap_Decodes()
    {
        var span = OtlpPayloads.Span("deep").Message(9, OtlpPayloads.KeyValue("deep", OtlpPayloads.NestedArrays(OtlpTraceMessageDecoder.MaxAnyValueDepth - 1)));

        var batch = OtlpProtobufTraceDecoder.Decode(new ReadOnlySequence<byte>(OtlpPayloads.Request(span)));

        var value = Assert.Single(batch.Spans[0].Attributes).Value;
        for (var i = 0; i < OtlpTraceMessageDecoder.MaxAnyValueDepth - 1; i++)
        {
            value = Assert.Single(value.AsArray());
        }

        Assert.Equal(7, value.AsInt());
    }

    [Fact]
    public void Decode_GarbageAfterADecodeFailure_DoesNotLeakIntoTheNextDecode()
    {
        var bad = OtlpPayloads.Span("bad").Message(9, OtlpPayloads.KeyValueString("k1", "v1")).Raw(0x4a, 0x7f);
        Assert.Throws<OtlpDecodeException>(() => OtlpProtobufTraceDecoder.Decode(new ReadOnlySequence<byte>(OtlpPayloads.Request(bad))));

        var good = OtlpPayloads.Span("good").Message(9, OtlpPayloads.KeyValueString("k2", "v2"));
        var batch = OtlpProtobufTraceDecoder.Decode(new ReadOnlySequence<byte>(OtlpPayloads.Request(good)));

        Assert.Equal([KeyValue.String("k2", "v2")], batch.Spans[0].Attributes);
    }

    private static void AssertSameSpans(SpanBatch expected, SpanBatch actual)
    {
        Assert.Equal(expected.Count, actual.Count);
        for (var i = 0; i < expected.Count; i++)
        {
            var e = expected.Spans[i];
            var a = actual.Spans[i];
            Assert.Equal(e.TraceId, a.TraceId);
            Assert.Equal(e.SpanId, a.SpanId);
            Assert.Equal(e.ParentSpanId, a.ParentSpanId);
            Assert.Equal(e.Name, a.Name);
            Assert.Equal(e.Kind, a.Kind);
            Assert.Equal(e.Flags, a.Flags);
            Assert.Equal(e.StartTimeUnixNano, a.StartTimeUnixNano);
            Assert.Equal(e.EndTimeUnixNano, a.EndTimeUnixNano);
            Assert.Equal(e.Attributes, a.Attributes);
            Assert.Equal(e.Events.Length, a.Events.Length);
            for (var j = 0; j < e.Events.Length; j++)
            {
                Assert.Equal(e.Events[j].Name, a.Events[j].Name);
                Assert.Equal(e.Events[j].TimeUnixNano, a.Events[j].TimeUnixNano);
                Assert.Equal(e.Events[j].Attributes, a.Events[j].Attributes);
            }

            Assert.Equal(e.Links.Length, a.Links.Length);
            Assert.Equal(e.StatusCode, a.StatusCode);
            Assert.Equal(e.StatusMessage, a.StatusMessage);
            Assert.Equal(e.Resource.Attributes, a.Resource.Attributes);
            Assert.Equal(e.Resource.SchemaUrl, a.Resource.SchemaUrl);
            Assert.Equal(e.Scope.Name, a.Scope.Name);
            Assert.Equal(e.Scope.Version, a.Scope.Version);
        }
    }
}
