using System.Text;
using Tracehound.Ingest.Text;

namespace Tracehound.Ingest.Jaeger.Thrift;

/// <summary>
/// Reads one Thrift protocol (binary or compact) from a byte array, forward only. Every declared
/// length is checked against the bytes left and <see cref="ThriftLimits"/> before it is used, and
/// nesting is counted, so malformed input ends in a <see cref="ThriftDecodeException"/>, never in
/// a large allocation, an overflow or a deep recursion.
/// </summary>
internal abstract class ThriftReader
{
    private readonly byte[] _buffer;
    private readonly int _end;
    private int _position;
    private int _depth;

    protected ThriftReader(byte[] buffer, int offset, int count)
    {
        ArgumentNullException.ThrowIfNull(buffer);
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(offset, buffer.Length - count);
        _buffer = buffer;
        _position = offset;
        _end = offset + count;
    }

    public int Remaining => _end - _position;

    public bool IsAtEnd => _position >= _end;

    public abstract ThriftMessageHeader ReadMessageBegin();

    /// <summary>Enters a struct; pair with <see cref="ReadStructEnd"/>.</summary>
    public virtual void ReadStructBegin() => Enter();

    public virtual void ReadStructEnd() => Leave();

    /// <summary>Reads the next field header; false at the struct's STOP.</summary>
    public abstract bool ReadFieldBegin(out ThriftType type, out short id);

    /// <summary>Reads a list or set header; the caller reads <paramref name="count"/> elements, then calls <see cref="ReadCollectionEnd"/>.</summary>
    public abstract ThriftType ReadListBegin(out int count);

    public abstract bool ReadBool();

    public abstract sbyte ReadByte();

    public abstract short ReadI16();

    public abstract int ReadI32();

    public abstract long ReadI64();

    public abstract double ReadDouble();

    public abstract ReadOnlySpan<byte> ReadBinary();

    /// <summary>Reads a map header.</summary>
    protected abstract void ReadMapBegin(out ThriftType keyType, out ThriftType valueType, out int count);

    public void ReadCollectionEnd() => Leave();

    /// <summary>Strings that repeat (keys, names, services) come from the shared cache.</summary>
    public string ReadString() => Utf8StringCache.Names.GetOrAdd(ReadBinary());

    /// <summary>Values (often unique: statements, URLs, stacks) are decoded without polluting the name cache.</summary>
    public string ReadValueString()
    {
        var bytes = ReadBinary();
        return bytes.Length <= Utf8StringCache.MaxCachedLength ? Utf8StringCache.Values.GetOrAdd(bytes) : Encoding.UTF8.GetString(bytes);
    }

    /// <summary>Skips one value of <paramref name="type"/>, however nested (within the depth cap).</summary>
    public void Skip(ThriftType type)
    {
        switch (type)
        {
            case ThriftType.Bool: ReadBool(); break;
            case ThriftType.Byte: ReadByte(); break;
            case ThriftType.I16: ReadI16(); break;
            case ThriftType.I32: ReadI32(); break;
            case ThriftType.I64: ReadI64(); break;
            case ThriftType.Double: ReadDouble(); break;
            case ThriftType.String: ReadBinary(); break;
            case ThriftType.Struct:
                ReadStructBegin();
                while (ReadFieldBegin(out var fieldType, out _))
                {
                    Skip(fieldType);
                }

                ReadStructEnd();
                break;
            case ThriftType.List or ThriftType.Set:
                var elementType = ReadListBegin(out var count);
                for (var i = 0; i < count; i++)
                {
                    Skip(elementType);
                }

                ReadCollectionEnd();
                break;
            case ThriftType.Map:
                ReadMapBegin(out var keyType, out var valueType, out var entries);
                for (var i = 0; i < entries; i++)
                {
                    Skip(keyType);
                    Skip(valueType);
                }

                ReadCollectionEnd();
                break;
            default:
                throw Error($"cannot skip a value of unknown type {(byte)type}");
        }
    }

    protected void Enter()
    {
        if (++_depth > ThriftLimits.MaxDepth)
        {
            throw Error($"nesting deeper than {ThriftLimits.MaxDepth} levels");
        }
    }

    protected void Leave() => _depth--;

    /// <summary>Checks a declared element count: each element takes at least <paramref name="minBytesEach"/> byte(s).</summary>
    protected int CheckCount(long count, int minBytesEach)
    {
        if (count < 0)
        {
            throw Error($"negative collection size {count}");
        }

        if (count > ThriftLimits.MaxCollectionElements)
        {
            throw Error($"a collection of {count} elements is over the limit of {ThriftLimits.MaxCollectionElements}");
        }

        if (count * minBytesEach > Remaining)
        {
            throw Error($"a collection declares {count} elements but only {Remaining} bytes are left");
        }

        return (int)count;
    }

    protected ReadOnlySpan<byte> Take(long length)
    {
        if (length < 0)
        {
            throw Error($"negative length {length}");
        }

        if (length > Remaining)
        {
            throw Error($"{length} bytes declared but only {Remaining} left");
        }

        var bytes = _buffer.AsSpan(_position, (int)length);
        _position += (int)length;
        return bytes;
    }

    protected ReadOnlySpan<byte> TakeString(long length)
    {
        if (length > ThriftLimits.MaxStringBytes)
        {
            throw Error($"a string of {length} bytes is over the limit of {ThriftLimits.MaxStringBytes}");
        }

        return Take(length);
    }

    protected byte TakeByte()
    {
        if (_position >= _end)
        {
            throw Error("unexpected end of payload");
        }

        return _buffer[_position++];
    }

    protected ThriftDecodeException Error(string reason) => new($"{reason} (at byte {_position})");

    protected ThriftType CheckedType(byte type) => type switch
    {
        0 or 2 or 3 or 4 or 6 or 8 or 10 or 11 or 12 or 13 or 14 or 15 => (ThriftType)type,
        _ => throw Error($"unknown thrift type {type}"),
    };
}
