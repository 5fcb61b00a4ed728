using System.Buffers.Binary;
using System.Text;
using Tracehound.Ingest.Jaeger.Thrift;

namespace Tracehound.Tests.Jaeger;

/// <summary>Agent datagrams (<c>emitBatch</c> oneway calls) built around a captured binary <c>Batch</c>.</summary>
internal static class JaegerDatagrams
{
    /// <summary>Binary protocol, strict header: what jaeger-client's UDP sender writes to port 6832.</summary>
    public static byte[] Binary(byte[] batch, string method = "emitBatch")
    {
        var name = Encoding.UTF8.GetBytes(method);
        var bytes = new List<byte>();
        var word = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(word, 0x80010004); // version 1, ONEWAY
        bytes.AddRange(word);
        BinaryPrimitives.WriteInt32BigEndian(word, name.Length);
        bytes.AddRange(word);
        bytes.AddRange(name);
        BinaryPrimitives.WriteInt32BigEndian(word, 7); // seqid
        bytes.AddRange(word);
        bytes.AddRange([12, 0, 1]); // field 1: struct Batch
        bytes.AddRange(batch); // the Batch, ending with its own STOP
        bytes.Add(0); // STOP of the args struct
        return bytes.ToArray();
    }

    /// <summary>Compact protocol (port 6831): the same batch re-encoded.</summary>
    public static byte[] Compact(byte[] batch)
    {
        var writer = new ThriftCompactTestWriter();
        writer.MessageBegin("emitBatch", 4, 7);
        writer.StructBegin();
        writer.FieldBegin(ThriftType.Struct, 1);
        writer.CopyStruct(new ThriftBinaryReader(batch, 0, batch.Length));
        writer.StructEnd();
        return writer.ToArray();
    }
}
