using System.Buffers.Binary;

namespace Tracehound.Ingest.Jaeger.Thrift;

/// <summary>
/// TCompactProtocol: zigzag varints, field ids as deltas, bools folded into field headers,
/// little-endian doubles (the Jaeger agent's port 6831, used by the Java/Go/Python clients).
/// </summary>
internal sealed class ThriftCompactReader : ThriftReader
{
    private const byte ProtocolId = 0x82;
    private const byte Version = 1;

    // Field ids are deltas from the previous field of the same struct, so each open struct keeps its last id.
    private readonly Stack<short> _lastFieldIds = new();
    private short _lastFieldId;

    // A bool field carries its value in the field header; ReadBool returns it.
    private bool? _pendingBool;

    public ThriftCompactReader(byte[] buffer, int offset, int count)
        : base(buffer, offset, count)
    {
    }

    public override ThriftMessageHeader ReadMessageBegin()
    {
        var protocol = TakeByte();
        if (protocol != ProtocolId)
        {
            throw Error($"bad compact protocol id 0x{protocol:x2}");
        }

        var versionAndType = TakeByte();
        if ((versionAndType & 0x1f) != Version)
        {
            throw Error($"bad compact protocol version {versionAndType & 0x1f}");
        }

        var sequenceId = (int)ReadVarint32();
        var name = ReadString();
        return new ThriftMessageHeader(name, (byte)(versionAndType >> 5), sequenceId);
    }

    public override void ReadStructBegin()
    {
        Enter();
        _lastFieldIds.Push(_lastFieldId);
        _lastFieldId = 0;
    }

    public override void ReadStructEnd()
    {
        _lastFieldId = _lastFieldIds.Pop();
        Leave();
    }

    public override bool ReadFieldBegin(out ThriftType type, out short id)
    {
        var header = TakeByte();
        var compactType = (byte)(header & 0x0f);
        if (compactType == 0)
        {
            type = ThriftType.Stop;
            id = 0;
            return false;
        }

        var delta = header >> 4;
        id = delta != 0 ? (short)(_lastFieldId + delta) : ReadI16();
        _lastFieldId = id;
        type = FromCompact(compactType);
        if (type == ThriftType.Bool)
        {
            _pendingBool = compactType == 1;
        }

        return true;
    }

    public override ThriftType ReadListBegin(out int count)
    {
        var header = TakeByte();
        long size = header >> 4;
        if (size == 15)
        {
            size = ReadVarint32();
        }

        var elementType = FromCompact((byte)(header & 0x0f));
        count = CheckCount(size, 1);
        Enter();
        return elementType;
    }

    protected override void ReadMapBegin(out ThriftType keyType, out ThriftType valueType, out int count)
    {
        var size = ReadVarint32();
        if (size == 0)
        {
            keyType = ThriftType.Stop;
            valueType = ThriftType.Stop;
            count = 0;
            Enter();
            return;
        }

        var types = TakeByte();
        keyType = FromCompact((byte)(types >> 4));
        valueType = FromCompact((byte)(types & 0x0f));
        count = CheckCount(size, 2);
        Enter();
    }

    public override bool ReadBool()
    {
        if (_pendingBool is { } value)
        {
            _pendingBool = null;
            return value;
        }

        // A bool inside a collection is a whole byte: 1 is true (0 and 2 are false).
        return TakeByte() == 1;
    }

    public override sbyte ReadByte() => (sbyte)TakeByte();

    public override short ReadI16() => (short)ZigZag(ReadVarint32());

    public override int ReadI32() => (int)ZigZag(ReadVarint32());

    public override long ReadI64()
    {
        var raw = ReadVarint64();
        return (long)(raw >> 1) ^ -(long)(raw & 1);
    }

    public override double ReadDouble() => BitConverter.Int64BitsToDouble(BinaryPrimitives.ReadInt64LittleEndian(Take(8)));

    public override ReadOnlySpan<byte> ReadBinary() => TakeString(ReadVarint32());

    private static long ZigZag(uint raw) => (int)(raw >> 1) ^ -(int)(raw & 1);

    private uint ReadVarint32()
    {
        var value = ReadVarint64();
        if (value > uint.MaxValue)
        {
            throw Error("a 32-bit varint is too large");
        }

        return (uint)value;
    }

    private ulong ReadVarint64()
    {
        ulong value = 0;
        for (var shift = 0; shift < 70; shift += 7)
        {
            var b = TakeByte();
            value |= (ulong)(b & 0x7f) << shift;
            if ((b & 0x80) == 0)
            {
                return value;
            }
        }

        throw Error("a varint is longer than 10 bytes");
    }

    private ThriftType FromCompact(byte compactType) => compactType switch
    {
        1 or 2 => ThriftType.Bool,
        3 => ThriftType.Byte,
        4 => ThriftType.I16,
        5 => ThriftType.I32,
        6 => ThriftType.I64,
        7 => ThriftType.Double,
        8 => ThriftType.String,
        9 => ThriftType.List,
        10 => ThriftType.Set,
        11 => ThriftType.Map,
        12 => ThriftType.Struct,
        _ => throw Error($"unknown compact type {compactType}"),
    };
}
