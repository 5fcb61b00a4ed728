using System.Buffers.Binary;
using Tracehound.Ingest.Jaeger;
using Tracehound.Ingest.Jaeger.Thrift;
using Tracehound.Ingest.Jaeger.Udp;
using Tracehound.Tests.Zipkin;

namespace Tracehound.Tests.Jaeger;

/// <summary>Malformed Thrift ends in a <see cref="ThriftDecodeException"/> with a reason: no other exception, no hang, no huge allocation.</summary>
public sealed class JaegerBadInputTests
{
    [Theory]
    [InlineData(JaegerAgentProtocol.Binary)]
    [InlineData(JaegerAgentProtocol.Compact)]
    public void Datagram_RandomBytes_OnlyThriftDecodeException(JaegerAgentProtocol protocol)
    {
        var random = new Random(6831);
        for (var i = 0; i < 5000; i++)
        {
            var bytes = new byte[random.Next(0, 300)];
            random.NextBytes(bytes);
            if (bytes.Length > 2 && i % 2 == 0)
            {
                // Half of them start like a real message, so the decoder gets past the header.
                var valid = protocol == JaegerAgentProtocol.Binary ? JaegerDatagrams.Binary([0]) : JaegerDatagrams.Compact([0]);
                valid.AsSpan(0, Math.Min(valid.Length - 1, bytes.Length)).CopyTo(bytes);
            }

            TryDecode(protocol, bytes);
        }
    }

    [Theory]
    [InlineData(JaegerAgentProtocol.Binary)]
    [InlineData(JaegerAgentProtocol.Compact)]
    public void Datagram_EveryTruncationAndBitFlipOfARealBatch_OnlyThriftDecodeException(JaegerAgentProtocol protocol)
    {
        var batch = TracerFixture.Load("jaeger-client-thrift-http").Payload;
        var datagram = protocol == JaegerAgentProtocol.Binary ? JaegerDatagrams.Binary(batch) : JaegerDatagrams.Compact(batch);
        for (var length = 0; length < datagram.Length; length++)
        {
            Assert.Throws<ThriftDecodeException>(() => JaegerUdpListener.Decode(protocol, datagram, 0, length));
        }

        var random = new Random(6832);
        for (var i = 0; i < 3000; i++)
        {
            var corrupt = (byte[])datagram.Clone();
            corrupt[random.Next(corrupt.Length)] ^= (byte)(1 << random.Next(8));
            TryDecode(protocol, corrupt);
        }
    }

    [Fact]
    public void Binary_HugeDeclaredList_RefusedBeforeAllocating()
    {
        // Batch { 2: list<Span> of int.MaxValue structs }
        byte[] payload = [15, 0, 2, 12, 0x7f, 0xff, 0xff, 0xff];
        var ex = Assert.Throws<ThriftDecodeException>(() => JaegerThriftDecoder.DecodeBatch(new ThriftBinaryReader(payload, 0, payload.Length)));
        Assert.Contains("limit", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Binary_HugeDeclaredString_RefusedBeforeAllocating()
    {
        // Batch { 1: Process { 1: string of 2 GB } }
        byte[] payload = [12, 0, 1, 11, 0, 1, 0x7f, 0xff, 0xff, 0xff, 0x41];
        var ex = Assert.Throws<ThriftDecodeException>(() => JaegerThriftDecoder.DecodeBatch(new ThriftBinaryReader(payload, 0, payload.Length)));
        Assert.Contains("limit", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Binary_DeepNestingInAnUnknownField_RefusedAtTheDepthCap()
    {
        // Batch { 9: struct { 9: struct { ... } } }: unknown fields are skipped, but not without end.
        var payload = new List<byte>();
        for (var i = 0; i < 10_000; i++)
        {
            payload.AddRange([12, 0, 9]);
        }

        var bytes = payload.ToArray();
        var ex = Assert.Throws<ThriftDecodeException>(() => JaegerThriftDecoder.DecodeBatch(new ThriftBinaryReader(bytes, 0, bytes.Length)));
        Assert.Contains("nesting", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Compact_HugeVarint_Refused()
    {
        var writer = new ThriftCompactTestWriter();
        writer.MessageBegin("emitBatch", 4, 1);
        writer.Raw(0x1c, 0x19, 0xf8); // field 1 struct, field 1 list<struct> of a varint size that never ends
        writer.Raw(Enumerable.Repeat((byte)0xff, 12).ToArray());
        var bytes = writer.ToArray();
        Assert.Throws<ThriftDecodeException>(() => JaegerUdpListener.Decode(JaegerAgentProtocol.Compact, bytes, 0, bytes.Length));
    }

    [Fact]
    public void Datagram_OtherAgentCall_Refused()
    {
        var batch = TracerFixture.Load("jaeger-client-thrift-http").Payload;
        var datagram = JaegerDatagrams.Binary(batch, "emitZipkinBatch");
        var ex = Assert.Throws<ThriftDecodeException>(() => JaegerUdpListener.Decode(JaegerAgentProtocol.Binary, datagram, 0, datagram.Length));
        Assert.Contains("emitZipkinBatch", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Binary_BadProtocolVersion_Refused()
    {
        var datagram = JaegerDatagrams.Binary(TracerFixture.Load("jaeger-client-thrift-http").Payload);
        BinaryPrimitives.WriteUInt32BigEndian(datagram, 0x80020004);
        Assert.Throws<ThriftDecodeException>(() => JaegerUdpListener.Decode(JaegerAgentProtocol.Binary, datagram, 0, datagram.Length));
    }

    [Fact]
    public void Batch_WithoutProcess_Refused()
    {
        byte[] payload = [15, 0, 2, 12, 0, 0, 0, 0, 0]; // Batch { 2: [] }
        var ex = Assert.Throws<ThriftDecodeException>(() => JaegerThriftDecoder.DecodeBatch(new ThriftBinaryReader(payload, 0, payload.Length)));
        Assert.Contains("Process", ex.Message, StringComparison.Ordinal);
    }

    private static void TryDecode(JaegerAgentProtocol protocol, byte[] bytes)
    {
        try
        {
            JaegerUdpListener.Decode(protocol, bytes, 0, bytes.Length);
        }
        catch (ThriftDecodeException)
        {
        }
    }
}
