using System.Buffers.Binary;
using System.Runtime.CompilerServices;

namespace Tracehound.Ingest.Otlp.Protobuf;

/// <summary>
/// Reads protobuf wire format from one contiguous span. Every length is checked against the bytes
/// that remain, so a lying length can never read past the message; malformed input ends in an
/// <see cref="OtlpDecodeException"/> that names the field and the absolute offset.
/// A nested message is read with a new reader over its slice (<see cref="ReadMessage"/>), which
/// keeps the absolute offset for error messages.
/// </summary>
internal ref struct ProtobufReader
{
    /// <summary>Groups are deprecated and unused by OTLP; skipping them is still bounded.</summary>
    private const int MaxGroupDepth = 32;

    private readonly ReadOnlySpan<byte> _buffer;
    private readonly int _baseOffset;
    private int _position;

    public ProtobufReader(ReadOnlySpan<byte> buffer, int baseOffset = 0)
    {
        _buffer = buffer;
        _baseOffset = baseOffset;
        _position = 0;
    }

    /// <summary>Offset of the next byte from the start of the whole payload (for error messages).</summary>
    public readonly int Offset => _baseOffset + _position;

    public readonly bool IsAtEnd => _position >= _buffer.Length;

    /// <summary>Reads the next tag; false at the end of the message.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryReadTag(out uint tag)
    {
        if (_position >= _buffer.Length)
        {
            tag = 0;
            return false;
        }

        // Field numbers 1-15 with any wire type fit in one byte: the common case in OTLP.
        var first = _buffer[_position];
        if (first < 0x80)
        {
            _position++;
            tag = first;
        }
        else
        {
            var tagOffset = Offset;
            var value = ReadVarint();
            if (value > uint.MaxValue)
            {
                throw new OtlpDecodeException($"tag out of range at offset {tagOffset}");
            }

            tag = (uint)value;
        }

        if (tag >> 3 == 0)
        {
            throw new OtlpDecodeException($"field number 0 at offset {Offset - 1}");
        }

        return true;
    }

    public static int FieldNumber(uint tag) => (int)(tag >> 3);

    public static ProtobufWireType WireType(uint tag) => (ProtobufWireType)(tag & 7);

    public static uint MakeTag(int fieldNumber, ProtobufWireType wireType) => ((uint)fieldNumber << 3) | (uint)wireType;

    /// <summary>Reads a varint; false (position unchanged) when it is truncated or longer than 10 bytes.</summary>
    public bool TryReadVarint(out ulong value)
    {
        var buffer = _buffer;
        var position = _position;
        ulong result = 0;
        for (var shift = 0; shift < 70; shift += 7)
        {
            if (position >= buffer.Length)
            {
                value = 0;
                return false;
            }

            var b = buffer[position++];
            result |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                _position = position;
                value = result;
                return true;
            }
        }

        value = 0;
        return false;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ulong ReadVarint()
    {
        // One-byte values (small lengths, enums, counts) dominate; take them without the loop.
        if (_position < _buffer.Length && _buffer[_position] < 0x80)
        {
            return _buffer[_position++];
        }

        return ReadVarintSlow();
    }

    public uint ReadUInt32()
    {
        // proto3 uint32/enum: an over-long value is truncated to its low 32 bits, as protoc does.
        return (uint)ReadVarint();
    }

    public ulong ReadFixed64()
    {
        if (_buffer.Length - _position < 8)
        {
            throw new OtlpDecodeException($"truncated fixed64 at offset {Offset}");
        }

        var value = BinaryPrimitives.ReadUInt64LittleEndian(_buffer.Slice(_position, 8));
        _position += 8;
        return value;
    }

    public uint ReadFixed32()
    {
        if (_buffer.Length - _position < 4)
        {
            throw new OtlpDecodeException($"truncated fixed32 at offset {Offset}");
        }

        var value = BinaryPrimitives.ReadUInt32LittleEndian(_buffer.Slice(_position, 4));
        _position += 4;
        return value;
    }

    /// <summary>Reads the length prefix and returns the field's bytes (a slice, no copy).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ReadOnlySpan<byte> ReadLengthDelimited(uint tag)
    {
        var fieldOffset = Offset;
        var length = ReadVarint();
        if (length > (ulong)(_buffer.Length - _position))
        {
            throw Truncated(tag, fieldOffset);
        }

        var value = _buffer.Slice(_position, (int)length);
        _position += (int)length;
        return value;
    }

    /// <summary>A reader over the embedded message of a length-delimited field.</summary>
    public ProtobufReader ReadMessage(uint tag)
    {
        var fieldOffset = Offset;
        var length = ReadVarint();
        if (length > (ulong)(_buffer.Length - _position))
        {
            throw Truncated(tag, fieldOffset);
        }

        var reader = new ProtobufReader(_buffer.Slice(_position, (int)length), Offset);
        _position += (int)length;
        return reader;
    }

    /// <summary>Skips the value of a field the decoder does not know (any wire type, groups included).</summary>
    public void SkipField(uint tag) => SkipField(tag, 0);

    private void SkipField(uint tag, int groupDepth)
    {
        switch (WireType(tag))
        {
            case ProtobufWireType.Varint:
                ReadVarint();
                break;
            case ProtobufWireType.Fixed64:
                ReadFixed64();
                break;
            case ProtobufWireType.LengthDelimited:
                ReadLengthDelimited(tag);
                break;
            case ProtobufWireType.Fixed32:
                ReadFixed32();
                break;
            case ProtobufWireType.StartGroup:
                SkipGroup(tag, groupDepth + 1);
                break;
            case ProtobufWireType.EndGroup:
                throw new OtlpDecodeException($"unexpected end-group for field {FieldNumber(tag)} at offset {Offset}");
            default:
                throw new OtlpDecodeException($"invalid wire type {(int)WireType(tag)} for field {FieldNumber(tag)} at offset {Offset}");
        }
    }

    private void SkipGroup(uint startTag, int groupDepth)
    {
        if (groupDepth > MaxGroupDepth)
        {
            throw new OtlpDecodeException($"groups nested deeper than {MaxGroupDepth} at offset {Offset}");
        }

        var fieldNumber = FieldNumber(startTag);
        while (TryReadTag(out var tag))
        {
            if (WireType(tag) == ProtobufWireType.EndGroup)
            {
                if (FieldNumber(tag) != fieldNumber)
                {
                    throw new OtlpDecodeException($"end-group for field {FieldNumber(tag)} inside group {fieldNumber} at offset {Offset}");
                }

                return;
            }

            SkipField(tag, groupDepth);
        }

        throw new OtlpDecodeException($"truncated group field {fieldNumber} at offset {Offset}");
    }

    private ulong ReadVarintSlow()
    {
        var offset = Offset;
        if (TryReadVarint(out var value))
        {
            return value;
        }

        throw new OtlpDecodeException(_buffer.Length - _position >= 10
            ? $"varint longer than 10 bytes at offset {offset}"
            : $"truncated varint at offset {offset}");
    }

    private readonly OtlpDecodeException Truncated(uint tag, int fieldOffset) =>
        new($"truncated length-delimited field {FieldNumber(tag)} at offset {fieldOffset}");
}
