using Google.Protobuf;

namespace Tracehound.EndToEnd.Tests.Infrastructure;

/// <summary>
/// Builds OTLP <c>ExportTraceServiceRequest</c> bytes field by field (CodedOutputStream), so tests
/// can send exactly the spans they want, including invalid ones.
/// </summary>
internal static class OtlpPayload
{
    public sealed record TestSpan(byte[] TraceId, byte[] SpanId, byte[] ParentSpanId, string Name, int Kind = 2, string? StringAttribute = null);

    public static byte[] TraceId() => Guid.NewGuid().ToByteArray();

    public static byte[] SpanId() => Guid.NewGuid().ToByteArray()[..8];

    /// <summary>One trace of <paramref name="spanCount"/> spans (a root and children) of <paramref name="service"/>.</summary>
    public static (byte[] Payload, string TraceIdHex) Trace(string service, int spanCount)
    {
        var traceId = TraceId();
        var root = SpanId();
        var spans = new List<TestSpan> { new(traceId, root, [], "root", 2, "root-value") };
        for (var i = 1; i < spanCount; i++)
        {
            spans.Add(new TestSpan(traceId, SpanId(), root, $"child-{i}", 3, $"value-{i}"));
        }

        return (Request(service, spans), Convert.ToHexStringLower(traceId));
    }

    public static byte[] Request(string service, IEnumerable<TestSpan> spans)
    {
        var scopeSpans = Message(w =>
        {
            w.WriteTag(1, WireFormat.WireType.LengthDelimited);
            w.WriteBytes(ByteString.CopyFrom(Message(s =>
            {
                s.WriteTag(1, WireFormat.WireType.LengthDelimited);
                s.WriteString("e2e-scope");
            })));
            foreach (var span in spans)
            {
                w.WriteTag(2, WireFormat.WireType.LengthDelimited);
                w.WriteBytes(ByteString.CopyFrom(SpanMessage(span)));
            }
        });
        var resourceSpans = Message(w =>
        {
            w.WriteTag(1, WireFormat.WireType.LengthDelimited);
            w.WriteBytes(ByteString.CopyFrom(Message(r =>
            {
                r.WriteTag(1, WireFormat.WireType.LengthDelimited);
                r.WriteBytes(ByteString.CopyFrom(StringKeyValue("service.name", service)));
            })));
            w.WriteTag(2, WireFormat.WireType.LengthDelimited);
            w.WriteBytes(ByteString.CopyFrom(scopeSpans));
        });
        return Message(w =>
        {
            w.WriteTag(1, WireFormat.WireType.LengthDelimited);
            w.WriteBytes(ByteString.CopyFrom(resourceSpans));
        });
    }

    private static byte[] SpanMessage(TestSpan span)
    {
        var start = (ulong)DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() * 1_000_000UL;
        return Message(w =>
        {
            w.WriteTag(1, WireFormat.WireType.LengthDelimited);
            w.WriteBytes(ByteString.CopyFrom(span.TraceId));
            w.WriteTag(2, WireFormat.WireType.LengthDelimited);
            w.WriteBytes(ByteString.CopyFrom(span.SpanId));
            if (span.ParentSpanId.Length > 0)
            {
                w.WriteTag(4, WireFormat.WireType.LengthDelimited);
                w.WriteBytes(ByteString.CopyFrom(span.ParentSpanId));
            }

            w.WriteTag(5, WireFormat.WireType.LengthDelimited);
            w.WriteString(span.Name);
            w.WriteTag(6, WireFormat.WireType.Varint);
            w.WriteEnum(span.Kind);
            w.WriteTag(7, WireFormat.WireType.Fixed64);
            w.WriteFixed64(start);
            w.WriteTag(8, WireFormat.WireType.Fixed64);
            w.WriteFixed64(start + 1_500_000);
            if (span.StringAttribute is not null)
            {
                w.WriteTag(9, WireFormat.WireType.LengthDelimited);
                w.WriteBytes(ByteString.CopyFrom(StringKeyValue("test.value", span.StringAttribute)));
            }
        });
    }

    private static byte[] StringKeyValue(string key, string value) => Message(w =>
    {
        w.WriteTag(1, WireFormat.WireType.LengthDelimited);
        w.WriteString(key);
        w.WriteTag(2, WireFormat.WireType.LengthDelimited);
        w.WriteBytes(ByteString.CopyFrom(Message(v =>
        {
            v.WriteTag(1, WireFormat.WireType.LengthDelimited);
            v.WriteString(value);
        })));
    });

    private static byte[] Message(Action<CodedOutputStream> write)
    {
        using var memory = new MemoryStream();
        var output = new CodedOutputStream(memory);
        write(output);
        output.Flush();
        return memory.ToArray();
    }
}
