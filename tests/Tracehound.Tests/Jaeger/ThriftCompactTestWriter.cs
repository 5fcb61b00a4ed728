using System.Buffers.Binary;
using System.Text;
using Tracehound.Ingest.Jaeger.Thrift;

namespace Tracehound.Tests.Jaeger;

/// <summary>
/// A minimal TCompactProtocol writer for tests, and a transcoder from the binary protocol (driven by
/// the reader under test), so the real jaeger-client payloads can be replayed as compact datagrams.
/// </summary>
internal sealed class ThriftCompactTestWriter
{
    private readonly List<byte> _bytes = [];
    private readonly Stack<short> _lastIds = new();
    private short _lastId;

    public byte[] ToArray() => _bytes.ToArray();

    public void MessageBegin(string name, byte type, int sequenceId)
    {
        _bytes.Add(0x82);
        _bytes.Add((byte)((type << 5) | 1));
        Varint((uint)sequenceId);
        String(Encoding.UTF8.GetBytes(name));
    }

    public void StructBegin()
    {
        _lastIds.Push(_lastId);
        _lastId = 0;
    }

    public void StructEnd()
    {
        _bytes.Add(0);
        _lastId = _lastIds.Pop();
    }

    public void FieldBegin(ThriftType type, short id, bool boolValue = false)
    {
        var code = type == ThriftType.Bool ? (byte)(boolValue ? 1 : 2) : Code(type);
        var delta = id - _lastId;
        if (delta is > 0 and <= 15)
        {
            _bytes.Add((byte)((delta << 4) | code));
        }
        else
        {
            _bytes.Add(code);
            Varint(ZigZag(id));
        }

        _lastId = id;
    }

    public void ListBegin(ThriftType elementType, int count)
    {
        if (count < 15)
        {
            _bytes.Add((byte)((count << 4) | Code(elementType)));
        }
        else
        {
            _bytes.Add((byte)(0xf0 | Code(elementType)));
            Varint((uint)count);
        }
    }

    public void I32(int value) => Varint(ZigZag(value));

    public void I64(long value)
    {
        var raw = (ulong)((value << 1) ^ (value >> 63));
        while (raw >= 0x80)
        {
            _bytes.Add((byte)(raw | 0x80));
            raw >>= 7;
        }

        _bytes.Add((byte)raw);
    }

    public void Double(double value)
    {
        Span<byte> buffer = stackalloc byte[8];
        BinaryPrimitives.WriteInt64LittleEndian(buffer, BitConverter.DoubleToInt64Bits(value));
        _bytes.AddRange(buffer.ToArray());
    }

    public void String(ReadOnlySpan<byte> value)
    {
        Varint((uint)value.Length);
        _bytes.AddRange(value.ToArray());
    }

    public void Raw(params byte[] bytes) => _bytes.AddRange(bytes);

    /// <summary>Re-encodes one binary-protocol struct (the reader is positioned at it) into compact.</summary>
    public void CopyStruct(ThriftReader reader)
    {
        reader.ReadStructBegin();
        StructBegin();
        while (reader.ReadFieldBegin(out var type, out var id))
        {
            if (type == ThriftType.Bool)
            {
                FieldBegin(type, id, reader.ReadBool());
                continue;
            }

            FieldBegin(type, id);
            CopyValue(reader, type);
        }

        reader.ReadStructEnd();
        StructEnd();
    }

    private void CopyValue(ThriftReader reader, ThriftType type)
    {
        switch (type)
        {
            case ThriftType.Bool: _bytes.Add(reader.ReadBool() ? (byte)1 : (byte)2); break;
            case ThriftType.Byte: _bytes.Add((byte)reader.ReadByte()); break;
            case ThriftType.I16: Varint(ZigZag(reader.ReadI16())); break;
            case ThriftType.I32: I32(reader.ReadI32()); break;
            case ThriftType.I64: I64(reader.ReadI64()); break;
            case ThriftType.Double: Double(reader.ReadDouble()); break;
            case ThriftType.String: String(reader.ReadBinary()); break;
            case ThriftType.Struct: CopyStruct(reader); break;
            case ThriftType.List or ThriftType.Set:
                var elementType = reader.ReadListBegin(out var count);
                ListBegin(elementType, count);
                for (var i = 0; i < count; i++)
                {
                    CopyValue(reader, elementType);
                }

                reader.ReadCollectionEnd();
                break;
            default:
                throw new NotSupportedException($"type {type} is not used by jaeger.thrift");
        }
    }

    private static uint ZigZag(int value) => (uint)((value << 1) ^ (value >> 31));

    private void Varint(uint value)
    {
        while (value >= 0x80)
        {
            _bytes.Add((byte)(value | 0x80));
            value >>= 7;
        }

        _bytes.Add((byte)value);
    }

    private static byte Code(ThriftType type) => type switch
    {
        ThriftType.Bool => 1,
        ThriftType.Byte => 3,
        ThriftType.I16 => 4,
        ThriftType.I32 => 5,
        ThriftType.I64 => 6,
        ThriftType.Double => 7,
        ThriftType.String => 8,
        ThriftType.List => 9,
        ThriftType.Set => 10,
        ThriftType.Map => 11,
        ThriftType.Struct => 12,
        _ => throw new NotSupportedException(type.ToString()),
    };
}
