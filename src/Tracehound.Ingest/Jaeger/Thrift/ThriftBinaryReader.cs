using System.Buffers.Binary;

namespace Tracehound.Ingest.Jaeger.Thrift;

/// <summary>TBinaryProtocol: big-endian fixed-width integers, i32-length strings (jaeger-client, the collector's HTTP endpoint, agent port 6832).</summary>
internal sealed class ThriftBinaryReader : ThriftReader
{
    private const uint VersionMask = 0xffff0000;
    private const uint Version1 = 0x80010000;

    public ThriftBinaryReader(byte[] buffer, int offset, int count)
        : base(buffer, offset, count)
    {
    }

    public override ThriftMessageHeader ReadMessageBegin()
    {
        var first = ReadI32();
        if (first < 0)
        {
            // Strict: version word, name, seqid.
            if (((uint)first & VersionMask) != Version1)
            {
                throw Error($"bad binary protocol version 0x{(uint)first:x8}");
            }

            var name = ReadString();
            return new ThriftMessageHeader(name, (byte)(first & 0xff), ReadI32());
        }

        // Old non-strict form: the first word is the name's length.
        var legacyName = System.Text.Encoding.UTF8.GetString(TakeString(first));
        var type = (byte)ReadByte();
        return new ThriftMessageHeader(legacyName, type, ReadI32());
    }

    public override bool ReadFieldBegin(out ThriftType type, out short id)
    {
        type = CheckedType(TakeByte());
        if (type == ThriftType.Stop)
        {
            id = 0;
            return false;
        }

        id = ReadI16();
        return true;
    }

    public override ThriftType ReadListBegin(out int count)
    {
        var elementType = CheckedType(TakeByte());
        count = CheckCount(ReadI32(), 1);
        Enter();
        return elementType;
    }

    protected override void ReadMapBegin(out ThriftType keyType, out ThriftType valueType, out int count)
    {
        keyType = CheckedType(TakeByte());
        valueType = CheckedType(TakeByte());
        count = CheckCount(ReadI32(), 2);
        Enter();
    }

    public override bool ReadBool() => TakeByte() != 0;

    public override sbyte ReadByte() => (sbyte)TakeByte();

    public override short ReadI16() => BinaryPrimitives.ReadInt16BigEndian(Take(2));

    public override int ReadI32() => BinaryPrimitives.ReadInt32BigEndian(Take(4));

    public override long ReadI64() => BinaryPrimitives.ReadInt64BigEndian(Take(8));

    public override double ReadDouble() => BitConverter.Int64BitsToDouble(ReadI64());

    public override ReadOnlySpan<byte> ReadBinary() => TakeString(ReadI32());
}
