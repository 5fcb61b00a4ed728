using System.Buffers;
using Tracehound.Ingest.Otlp.Protobuf;
using Tracehound.Model;

namespace Tracehound.Tests.Otlp.Protobuf;

/// <summary>Payloads written tag by tag with CodedOutputStream, for what the real clients did not send.</summary>
public sealed class OtlpProtobufTraceDecoderHandBuiltTests
{
    [Fact]
    public void Decode_UnknownFieldsOfEveryWireTypeAtEveryLevel_AreSkipped()
    {
        static ProtoMessageBuilder Unknown(ProtoMessageBuilder message) => message
            .Varint(90, 123456789)
            .Fixed64(91, ulong.MaxValue)
            .String(92, "unknown")
            .Fixed32(93, 7)
            .Group(94, g => g.Varint(1, 1).String(2, "in a group").Group(3, inner => inner.Fixed32(1, 2)));

        var anyValue = Unknown(new ProtoMessageBuilder().String(1, "v"));
        var keyValue = Unknown(new ProtoMessageBuilder().String(1, "k").Message(2, anyValue));
        var span = Unknown(OtlpPayloads.Span("op").Message(9, keyValue)
            .Message(11, e => Unknown(e.Fixed64(1, 5).String(2, "ev")))
            .Message(15, s => Unknown(s.Varint(3, 1))));
        var payload = Unknown(new ProtoMessageBuilder())
            .Message(1, rs => Unknown(rs)
                .Message(1, r => Unknown(r.Message(1, OtlpPayloads.KeyValueString("service.name", "svc"))).Message(3, new ProtoMessageBuilder().String(1, "entity ref")))
                .Message(2, ss => Unknown(ss).Message(1, scope => Unknown(scope.String(1, "lib"))).Message(2, span)))
            .ToArray();

        var batch = OtlpProtobufTraceDecoder.Decode(new ReadOnlySequence<byte>(payload));

        var decoded = Assert.Single(batch.Spans);
        Assert.Equal("op", decoded.Name);
        Assert.Equal([KeyValue.String("k", "v")], decoded.Attributes);
        Assert.Equal(new SpanEvent(5, "ev", []), Assert.Single(decoded.Events) with { Attributes = [] });
        Assert.Equal(StatusCode.Ok, decoded.StatusCode);
        Assert.Equal("svc", decoded.ServiceName);
        Assert.Equal("lib", decoded.Scope.Name);
    }

    [Fact]
    public void Decode_KnownFieldWithAnotherWireType_IsSkippedLikeAnUnknownField()
    {
        // name (5) sent as a varint and kind (6) as fixed32: neither can be the real field.
        var span = OtlpPayloads.Span("named").Varint(5, 3).Fixed32(6, 4);

        var decoded = Assert.Single(OtlpProtobufTraceDecoder.Decode(new ReadOnlySequence<byte>(OtlpPayloads.Request(span))).Spans);

        Assert.Equal("named", decoded.Name);
        Assert.Equal(SpanKind.Server, decoded.Kind);
    }

    [Fact]
    public void Decode_EveryAnyValueType_KeepsTheType()
    {
        var kvlist = new ProtoMessageBuilder()
            .Message(1, OtlpPayloads.KeyValue("inner.int", new ProtoMessageBuilder().Varint(3, 5)))
            .Message(1, OtlpPayloads.KeyValue("inner.list", new ProtoMessageBuilder().Message(6, new ProtoMessageBuilder()
                .Message(1, OtlpPayloads.KeyValueString("deepest", "yes")))));
        var array = new ProtoMessageBuilder()
            .Message(1, new ProtoMessageBuilder().String(1, "a"))
            .Message(1, new ProtoMessageBuilder().Varint(3, 2))
            .Message(1, new ProtoMessageBuilder().Double(4, 1.5))
            .Message(1, new ProtoMessageBuilder().Varint(2, 1))
            .Message(1, new ProtoMessageBuilder())
            .Message(1, new ProtoMessageBuilder().Message(5, new ProtoMessageBuilder().Message(1, new ProtoMessageBuilder().Varint(3, 9))));
        var span = OtlpPayloads.Span("typed")
            .Message(9, OtlpPayloads.KeyValueString("s", "text"))
            .Message(9, OtlpPayloads.KeyValue("b", new ProtoMessageBuilder().Varint(2, 1)))
            .Message(9, OtlpPayloads.KeyValue("i", new ProtoMessageBuilder().Varint(3, unchecked((ulong)-42L))))
            .Message(9, OtlpPayloads.KeyValue("d", new ProtoMessageBuilder().Double(4, 3.25)))
            .Message(9, OtlpPayloads.KeyValue("bytes", new ProtoMessageBuilder().Bytes(7, [0, 1, 255])))
            .Message(9, OtlpPayloads.KeyValue("array", new ProtoMessageBuilder().Message(5, array)))
            .Message(9, OtlpPayloads.KeyValue("kvlist", new ProtoMessageBuilder().Message(6, kvlist)))
            .Message(9, OtlpPayloads.KeyValue("empty", new ProtoMessageBuilder()))
            .Message(9, OtlpPayloads.KeyValue("empty.array", new ProtoMessageBuilder().Message(5, new ProtoMessageBuilder())))
            .Message(9, OtlpPayloads.KeyValue("last.wins", new ProtoMessageBuilder().String(1, "first").Varint(3, 2)))
            .Message(9, OtlpPayloads.KeyValueString("utf8", "grüße 🚀"));

        var attributes = Assert.Single(OtlpProtobufTraceDecoder.Decode(new ReadOnlySequence<byte>(OtlpPayloads.Request(span))).Spans).Attributes;

        Assert.Equal(
            [
                KeyValue.String("s", "text"),
                KeyValue.Bool("b", true),
                KeyValue.Int("i", -42),
                KeyValue.Double("d", 3.25),
                new("bytes", AnyValue.FromBytes([0, 1, 255])),
                new("array", AnyValue.FromArray([
                    AnyValue.FromString("a"), AnyValue.FromInt(2), AnyValue.FromDouble(1.5), AnyValue.FromBool(true), AnyValue.Empty,
                    AnyValue.FromArray([AnyValue.FromInt(9)])])),
                new("kvlist", AnyValue.FromKeyValueList([
                    KeyValue.Int("inner.int", 5),
                    new("inner.list", AnyValue.FromKeyValueList([KeyValue.String("deepest", "yes")]))])),
                new("empty", AnyValue.Empty),
                new("empty.array", AnyValue.FromArray([])),
                KeyValue.Int("last.wins", 2),
                KeyValue.String("utf8", "grüße 🚀"),
            ],
            attributes);
        Assert.Equal(AnyValueType.Int, attributes[2].Value.Type);
        Assert.Equal(AnyValueType.Double, attributes[3].Value.Type);
    }

    [Fact]
    public void Decode_InvalidUtf8_IsReplacedNotFatal()
    {
        var span = OtlpPayloads.Span("x").Message(9, new ProtoMessageBuilder().String(1, "k").Message(2, new ProtoMessageBuilder().Bytes(1, [0x61, 0xff, 0x62])));

        var attribute = Assert.Single(Assert.Single(OtlpProtobufTraceDecoder.Decode(new ReadOnlySequence<byte>(OtlpPayloads.Request(span))).Spans).Attributes);

        Assert.Equal("a\uFFFDb", attribute.Value.AsString());
    }

    [Fact]
    public void Decode_AllSpanFields_AreKept()
    {
        var otherTrace = Enumerable.Range(1, 16).Select(i => (byte)i).ToArray();
        var span = OtlpPayloads.Span("full", parentSpanId: OtlpPayloads.ParentSpanId)
            .String(3, "vendor=abc")
            .Varint(10, 3)
            .Message(11, e => e.Fixed64(1, 1_500).String(2, "ev").Message(3, OtlpPayloads.KeyValueString("ek", "ev")).Varint(4, 2))
            .Varint(12, 4)
            .Message(13, l => l.Bytes(1, otherTrace).Bytes(2, OtlpPayloads.ParentSpanId).String(3, "ls=1").Message(4, OtlpPayloads.KeyValueString("lk", "lv")).Varint(5, 1).Fixed32(6, 0x301))
            .Message(13, l => l.Bytes(1, otherTrace).Bytes(2, [1, 2, 3]))
            .Varint(14, 5)
            .Message(15, s => s.String(2, "boom").Varint(3, 2))
            .Fixed32(16, 0x301);

        var decoded = Assert.Single(OtlpProtobufTraceDecoder.Decode(new ReadOnlySequence<byte>(OtlpPayloads.Request(span))).Spans);

        Assert.Equal(TraceId.FromBytes(OtlpPayloads.TraceId), decoded.TraceId);
        Assert.Equal("5b8efff798038103d269b633813fc60c", decoded.TraceId.ToHex());
        Assert.Equal("eee19b7ec3c1b174", decoded.SpanId.ToHex());
        Assert.Equal("eee19b7ec3c1b173", decoded.ParentSpanId.ToHex());
        Assert.Equal("vendor=abc", decoded.TraceState);
        Assert.Equal(SpanKind.Server, decoded.Kind);
        Assert.Equal(1_000, decoded.StartTimeUnixNano);
        Assert.Equal(2_000, decoded.EndTimeUnixNano);
        Assert.Equal(3u, decoded.DroppedAttributesCount);
        var ev = Assert.Single(decoded.Events);
        Assert.Equal(1_500, ev.TimeUnixNano);
        Assert.Equal("ev", ev.Name);
        Assert.Equal([KeyValue.String("ek", "ev")], ev.Attributes);
        Assert.Equal(2u, ev.DroppedAttributesCount);
        Assert.Equal(4u, decoded.DroppedEventsCount);
        var link = Assert.Single(decoded.Links);
        Assert.Equal(TraceId.FromBytes(otherTrace), link.TraceId);
        Assert.Equal(SpanId.FromBytes(OtlpPayloads.ParentSpanId), link.SpanId);
        Assert.Equal("ls=1", link.TraceState);
        Assert.Equal([KeyValue.String("lk", "lv")], link.Attributes);
        Assert.Equal(1u, link.DroppedAttributesCount);
        Assert.Equal(0x301u, link.Flags);

        // The link with a 3-byte span id cannot be kept; it is counted as dropped.
        Assert.Equal(6u, decoded.DroppedLinksCount);
        Assert.Equal(StatusCode.Error, decoded.StatusCode);
        Assert.Equal("boom", decoded.StatusMessage);
        Assert.Equal(0x301u, decoded.Flags);
    }

    [Fact]
    public void Decode_ResourceAndScope_AreSharedAndComplete_EvenWhenTheirFieldsFollowTheSpans()
    {
        var payload = new ProtoMessageBuilder()
            .Message(1, rs => rs
                .Message(2, ss => ss
                    .Message(2, OtlpPayloads.Span("a"))
                    .Message(2, OtlpPayloads.Span("b", spanId: OtlpPayloads.ParentSpanId))
                    .Message(1, scope => scope.String(1, "lib").String(2, "2.0").Message(3, OtlpPayloads.KeyValueString("sk", "sv")).Varint(4, 1))
                    .String(3, "https://example.test/scope-schema"))
                .Message(2, ss => ss.Message(2, OtlpPayloads.Span("c")))
                .Message(1, r => r.Message(1, OtlpPayloads.KeyValueString("service.name", "svc")).Varint(2, 9))
                .String(3, "https://example.test/resource-schema"))
            .Message(1, rs => rs.Message(2, ss => ss.Message(2, OtlpPayloads.Span("d"))))
            .ToArray();

        var spans = OtlpProtobufTraceDecoder.Decode(new ReadOnlySequence<byte>(payload)).Spans;

        Assert.Equal(["a", "b", "c", "d"], spans.Select(s => s.Name));
        Assert.Same(spans[0].Resource, spans[1].Resource);
        Assert.Same(spans[0].Resource, spans[2].Resource);
        Assert.Same(spans[0].Scope, spans[1].Scope);
        Assert.NotSame(spans[0].Scope, spans[2].Scope);
        var resource = spans[0].Resource;
        Assert.Equal("svc", resource.ServiceName);
        Assert.Equal(9u, resource.DroppedAttributesCount);
        Assert.Equal("https://example.test/resource-schema", resource.SchemaUrl);
        var scope = spans[0].Scope;
        Assert.Equal("lib", scope.Name);
        Assert.Equal("2.0", scope.Version);
        Assert.Equal([KeyValue.String("sk", "sv")], scope.Attributes);
        Assert.Equal(1u, scope.DroppedAttributesCount);
        Assert.Equal("https://example.test/scope-schema", scope.SchemaUrl);
        Assert.Equal(string.Empty, spans[2].Scope.Name);
        Assert.Equal(Resource.UnknownServiceName, spans[3].ServiceName);
    }

    [Theory]
    [InlineData(15, 8, null, "trace id has 15 bytes, expected 16")]
    [InlineData(0, 8, null, "trace id has 0 bytes, expected 16")]
    [InlineData(-16, 8, null, "trace id is all zeros")]
    [InlineData(16, 9, null, "span id has 9 bytes, expected 8")]
    [InlineData(16, -8, null, "span id is all zeros")]
    [InlineData(16, 8, 4, "parent span id has 4 bytes, expected 0 or 8")]
    public void Decode_SpanWithInvalidIds_IsRejectedAndTheOthersKept(int traceIdLength, int spanIdLength, int? parentLength, string reason)
    {
        // A negative length means that many zero bytes.
        static byte[] Id(int length, byte[] valid) => length < 0 ? new byte[-length] : [.. Enumerable.Repeat(valid, 2).SelectMany(b => b).Take(length)];
        var bad = new ProtoMessageBuilder();
        if (traceIdLength != 0)
        {
            bad.Bytes(1, Id(traceIdLength, OtlpPayloads.TraceId));
        }

        bad.Bytes(2, Id(spanIdLength, OtlpPayloads.SpanId));
        if (parentLength is { } p)
        {
            bad.Bytes(4, Id(p, OtlpPayloads.ParentSpanId));
        }

        bad.String(5, "bad");
        var payload = OtlpPayloads.Request(OtlpPayloads.Span("good1"), bad, OtlpPayloads.Span("good2", parentSpanId: OtlpPayloads.ParentSpanId));

        var batch = OtlpProtobufTraceDecoder.Decode(new ReadOnlySequence<byte>(payload));

        Assert.Equal(["good1", "good2"], batch.Spans.Select(s => s.Name));
        Assert.Equal(1, batch.RejectedSpans);
        Assert.Equal($"span 1 ('bad'): {reason}", batch.RejectionMessage);
    }

    [Fact]
    public void Decode_EmptyPayload_IsAnEmptyBatch()
    {
        var batch = OtlpProtobufTraceDecoder.Decode(ReadOnlySequence<byte>.Empty);

        Assert.Equal(0, batch.Count);
        Assert.Equal(0, batch.RejectedSpans);
    }

    [Fact]
    public void Decode_UnknownEnumValues_FallBackToUnspecifiedAndUnset()
    {
        var span = OtlpPayloads.Span("odd").Varint(6, 77).Message(15, s => s.Varint(3, 9));

        var decoded = Assert.Single(OtlpProtobufTraceDecoder.Decode(new ReadOnlySequence<byte>(OtlpPayloads.Request(span))).Spans);

        Assert.Equal(SpanKind.Unspecified, decoded.Kind);
        Assert.Equal(StatusCode.Unset, decoded.StatusCode);
    }
}
