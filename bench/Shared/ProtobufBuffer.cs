using System.Buffers.Binary;
using System.Text;

namespace Tracehound.Workload;

/// <summary>
/// A growable byte buffer that writes protobuf wire format. An embedded message is written into a
/// child buffer first (<see cref="BeginMessage"/>) and appended with its length by
/// <see cref="EndMessage"/>: each byte is copied once per nesting level, which is fine for a load
/// generator that encodes its batches ahead of time, and keeps the lengths minimal varints.
/// </summary>
internal sealed class ProtobufBuffer
{
    private readonly Stack<ProtobufBuffer> _children = new();
    private byte[] _bytes;
    private int _length;

    public ProtobufBuffer(int capacity = 256)
    {
        _bytes = new byte[capacity];
    }

    public int Length => _length;

    public ReadOnlySpan<byte> WrittenSpan => _bytes.AsSpan(0, _length);

    public byte[] ToArray() => WrittenSpan.ToArray();

    public void Clear() => _length = 0;

    public ProtobufBuffer BeginMessage()
    {
        var child = _children.Count > 0 ? _children.Pop() : new ProtobufBuffer();
        child.Clear();
        return child;
    }

    public void EndMessage(int field, ProtobufBuffer child)
    {
        WriteBytes(field, child.WrittenSpan);
        _children.Push(child);
    }

    public void WriteTag(int field, int wireType) => WriteVarint(((ulong)(uint)field << 3) | (uint)wireType);

    public void WriteVarint(int field, ulong value)
    {
        WriteTag(field, 0);
        WriteVarint(value);
    }

    public void WriteFixed64(int field, ulong value)
    {
        WriteTag(field, 1);
        BinaryPrimitives.WriteUInt64LittleEndian(Reserve(8), value);
    }

    public void WriteDouble(int field, double value) => WriteFixed64(field, BitConverter.DoubleToUInt64Bits(value));

    public void WriteFixed32(int field, uint value)
    {
        WriteTag(field, 5);
        BinaryPrimitives.WriteUInt32LittleEndian(Reserve(4), value);
    }

    public void WriteString(int field, string value)
    {
        WriteTag(field, 2);
        var byteCount = Encoding.UTF8.GetByteCount(value);
        WriteVarint((ulong)byteCount);
        Encoding.UTF8.GetBytes(value, Reserve(byteCount));
    }

    public void WriteBytes(int field, ReadOnlySpan<byte> value)
    {
        WriteTag(field, 2);
        WriteVarint((ulong)value.Length);
        value.CopyTo(Reserve(value.Length));
    }

    public void WriteVarint(ulong value)
    {
        while (value >= 0x80)
        {
            Reserve(1)[0] = (byte)(value | 0x80);
            value >>= 7;
        }

        Reserve(1)[0] = (byte)value;
    }

    private Span<byte> Reserve(int count)
    {
        if (_length + count > _bytes.Length)
        {
            Array.Resize(ref _bytes, Math.Max(_bytes.Length * 2, _length + count));
        }

        var span = _bytes.AsSpan(_length, count);
        _length += count;
        return span;
    }
}
