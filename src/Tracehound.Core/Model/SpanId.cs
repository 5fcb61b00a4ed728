using System.Buffers.Binary;
using System.Globalization;

namespace Tracehound.Model;

/// <summary>A 64-bit span id; the value is the big-endian reading of the 8 wire bytes.</summary>
public readonly record struct SpanId(ulong Value)
{
    public bool IsEmpty => Value == 0;

    public static SpanId FromBytes(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length != 8)
        {
            throw new ArgumentException("A span id has 8 bytes.", nameof(bytes));
        }

        return new SpanId(BinaryPrimitives.ReadUInt64BigEndian(bytes));
    }

    public void WriteBytes(Span<byte> destination) => BinaryPrimitives.WriteUInt64BigEndian(destination, Value);

    /// <summary>16 lowercase hex digits.</summary>
    public string ToHex() => Value.ToString("x16", CultureInfo.InvariantCulture);

    public override string ToString() => ToHex();

    public static bool TryParseHex(ReadOnlySpan<char> hex, out SpanId id)
    {
        id = default;
        if (hex.Length is 0 or > 16 || !ulong.TryParse(hex, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var value))
        {
            return false;
        }

        id = new SpanId(value);
        return true;
    }
}
