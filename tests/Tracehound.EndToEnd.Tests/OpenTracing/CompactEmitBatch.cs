using System.Text;

namespace Tracehound.EndToEnd.Tests.OpenTracing;

/// <summary>
/// A hand-written Thrift compact <c>emitBatch</c> datagram with one span (what the Java/Go/Python
/// Jaeger clients send to the agent's port 6831); no client here speaks compact, so the bytes are
/// built field by field following the TCompactProtocol spec.
/// </summary>
internal static class CompactEmitBatch
{
    public static byte[] Build(string service, ulong traceHigh, ulong traceLow, ulong spanId, string name, long startMicros, long durationMicros)
    {
        var bytes = new List<byte> { 0x82, (4 << 5) | 1 }; // protocol id; ONEWAY, version 1
        Varint(bytes, 0); // seqid
        String(bytes, "emitBatch");
        bytes.Add(0x1c); // args field 1: struct Batch
        bytes.Add(0x1c); // Batch field 1: struct Process
        bytes.Add(0x18); // Process field 1: serviceName
        String(bytes, service);
        bytes.Add(0); // end of Process
        bytes.Add(0x19); // Batch field 2: list<Span>
        bytes.Add(0x1c); // one element, structs
        I64(bytes, 0x16, (long)traceLow); // field 1 traceIdLow
        I64(bytes, 0x16, (long)traceHigh); // field 2 traceIdHigh
        I64(bytes, 0x16, (long)spanId); // field 3 spanId
        I64(bytes, 0x16, 0); // field 4 parentSpanId
        bytes.Add(0x18); // field 5 operationName
        String(bytes, name);
        bytes.Add(0x25); // field 7 (delta 2) flags i32
        Varint(bytes, 2); // zigzag(1): sampled
        I64(bytes, 0x16, startMicros); // field 8 startTime
        I64(bytes, 0x16, durationMicros); // field 9 duration
        bytes.Add(0x19); // field 10 tags
        bytes.Add(0x2c); // two structs
        bytes.Add(0x18); // Tag field 1 key
        String(bytes, "span.kind");
        bytes.Add(0x15); // field 2 vType
        Varint(bytes, 0); // STRING
        bytes.Add(0x18); // field 3 vStr
        String(bytes, "server");
        bytes.Add(0);
        bytes.Add(0x18);
        String(bytes, "error");
        bytes.Add(0x15);
        Varint(bytes, 4); // zigzag(2): BOOL
        bytes.Add(0x31); // field 5 (delta 3) vBool = true, folded into the header
        bytes.Add(0);
        bytes.Add(0); // end of Span
        bytes.Add(0); // end of Batch
        bytes.Add(0); // end of args
        return bytes.ToArray();
    }

    private static void I64(List<byte> bytes, byte header, long value)
    {
        bytes.Add(header);
        Varint(bytes, (ulong)((value << 1) ^ (value >> 63)));
    }

    private static void String(List<byte> bytes, string value)
    {
        var utf8 = Encoding.UTF8.GetBytes(value);
        Varint(bytes, (ulong)utf8.Length);
        bytes.AddRange(utf8);
    }

    private static void Varint(List<byte> bytes, ulong value)
    {
        while (value >= 0x80)
        {
            bytes.Add((byte)(value | 0x80));
            value >>= 7;
        }

        bytes.Add((byte)value);
    }
}
