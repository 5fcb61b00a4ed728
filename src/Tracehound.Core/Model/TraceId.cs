using System.Buffers.Binary;
using System.Globalization;

namespace Tracehound.Model;

/// <summary>
/// A 128-bit trace id. <see cref="High"/> and <see cref="Low"/> are the big-endian halves of the
/// 16 wire bytes, so <see cref="Low"/> is the id Datadog shows (its 64-bit <c>trace_id</c>).
/// </summary>
public readonly record struct TraceId(ulong High, ulong Low)
{
    public bool IsEmpty => High == 0 && Low == 0;

    public static TraceId FromBytes(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length != 16)
        {
            throw new ArgumentException("A trace id has 16 bytes.", nameof(bytes));
        }

        return new TraceId(BinaryPrimitives.ReadUInt64BigEndian(bytes), BinaryPrimitives.ReadUInt64BigEndian(bytes[8..]));
    }

    public void WriteBytes(Span<byte> destination)
    {
        BinaryPrimitives.WriteUInt64BigEndian(destination, High);
        BinaryPrimitives.WriteUInt64BigEndian(destination[8..], Low);
    }

    /// <summary>32 lowercase hex digits.</summary>
    public string ToHex() => string.Create(32, this, static (chars, id) =>
    {
        id.High.TryFormat(chars, out _, "x16", CultureInfo.InvariantCulture);
        id.Low.TryFormat(chars[16..], out _, "x16", CultureInfo.InvariantCulture);
    });

    public override string ToString() => ToHex();

    /// <summary>Parses 1 to 32 hex digits (shorter forms are left-padded with zeros, as Jaeger clients print them).</summary>
    public static bool TryParseHex(ReadOnlySpan<char> hex, out TraceId id)
    {
        id = default;
        if (hex.Length is 0 or > 32)
        {
            return false;
        }

        ulong high = 0;
        var lowStart = Math.Max(0, hex.Length - 16);
        if (lowStart > 0 && !ulong.TryParse(hex[..lowStart], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out high))
        {
            return false;
        }

        if (!ulong.TryParse(hex[lowStart..], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var low))
        {
            return false;
        }

        id = new TraceId(high, low);
        return true;
    }
}
