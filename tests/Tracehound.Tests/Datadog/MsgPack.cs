using System.Buffers;
using MessagePack;

namespace Tracehound.Tests.Datadog;

/// <summary>Builds msgpack bodies for tests with MessagePack's low-level writer.</summary>
internal static class MsgPack
{
    public delegate void Body(ref MessagePackWriter writer);

    public static byte[] Build(Body body)
    {
        var buffer = new ArrayBufferWriter<byte>();
        var writer = new MessagePackWriter(buffer);
        body(ref writer);
        writer.Flush();
        return buffer.WrittenSpan.ToArray();
    }

    public static ReadOnlySequence<byte> Sequence(byte[] bytes) => new(bytes);

    /// <summary>A v0.4 span map with the usual keys.</summary>
    public static void Span(ref MessagePackWriter w, ulong traceId, ulong spanId, string name = "op", string resource = "res", int extraMeta = 0)
    {
        w.WriteMapHeader(9);
        w.Write("trace_id"); w.Write(traceId);
        w.Write("span_id"); w.Write(spanId);
        w.Write("parent_id"); w.Write(0UL);
        w.Write("service"); w.Write("svc");
        w.Write("name"); w.Write(name);
        w.Write("resource"); w.Write(resource);
        w.Write("start"); w.Write(1_700_000_000_000_000_000L);
        w.Write("duration"); w.Write(1_000_000L);
        w.Write("meta");
        w.WriteMapHeader(1 + extraMeta);
        w.Write("span.kind"); w.Write("client");
        for (var i = 0; i < extraMeta; i++)
        {
            w.Write("k" + i); w.Write("v" + i);
        }
    }
}
