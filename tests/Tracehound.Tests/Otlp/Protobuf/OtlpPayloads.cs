namespace Tracehound.Tests.Otlp.Protobuf;

/// <summary>Hand-built OTLP trace messages (field numbers from opentelemetry-proto).</summary>
internal static class OtlpPayloads
{
    public static readonly byte[] TraceId = [0x5b, 0x8e, 0xff, 0xf7, 0x98, 0x03, 0x81, 0x03, 0xd2, 0x69, 0xb6, 0x33, 0x81, 0x3f, 0xc6, 0x0c];

    public static readonly byte[] SpanId = [0xee, 0xe1, 0x9b, 0x7e, 0xc3, 0xc1, 0xb1, 0x74];

    public static readonly byte[] ParentSpanId = [0xee, 0xe1, 0x9b, 0x7e, 0xc3, 0xc1, 0xb1, 0x73];

    /// <summary>ExportTraceServiceRequest with one ResourceSpans holding one ScopeSpans holding the given spans.</summary>
    public static byte[] Request(params ProtoMessageBuilder[] spans) =>
        new ProtoMessageBuilder()
            .Message(1, rs => rs
                .Message(1, r => r.Message(1, KeyValueString("service.name", "svc")))
                .Message(2, ss =>
                {
                    ss.Message(1, scope => scope.String(1, "lib").String(2, "1.0"));
                    foreach (var span in spans)
                    {
                        ss.Message(2, span);
                    }
                }))
            .ToArray();

    public static ProtoMessageBuilder Span(string name, byte[]? traceId = null, byte[]? spanId = null, byte[]? parentSpanId = null)
    {
        var span = new ProtoMessageBuilder()
            .Bytes(1, traceId ?? TraceId)
            .Bytes(2, spanId ?? SpanId);
        if (parentSpanId is not null)
        {
            span.Bytes(4, parentSpanId);
        }

        return span
            .String(5, name)
            .Varint(6, 2)
            .Fixed64(7, 1_000)
            .Fixed64(8, 2_000);
    }

    public static ProtoMessageBuilder KeyValue(string key, ProtoMessageBuilder anyValue) =>
        new ProtoMessageBuilder().String(1, key).Message(2, anyValue);

    public static ProtoMessageBuilder KeyValueString(string key, string value) =>
        KeyValue(key, new ProtoMessageBuilder().String(1, value));

    /// <summary>An AnyValue whose array_value nests <paramref name="levels"/> arrays deep around an int.</summary>
    public static ProtoMessageBuilder NestedArrays(int levels)
    {
        var value = new ProtoMessageBuilder().Varint(3, 7);
        for (var i = 0; i < levels; i++)
        {
            value = new ProtoMessageBuilder().Message(5, new ProtoMessageBuilder().Message(1, value));
        }

        return value;
    }
}
