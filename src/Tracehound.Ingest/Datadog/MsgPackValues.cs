using System.Buffers;
using System.Text;
using MessagePack;
using Tracehound.Ingest.Text;

namespace Tracehound.Ingest.Datadog;

/// <summary>
/// Lenient reads over <see cref="MessagePackReader"/> the way the Datadog agent decodes tracer
/// payloads: integers in any signed or unsigned encoding (uint64 ids sent as int64 are
/// reinterpreted), nil as zero or empty, strings as str or bin with invalid UTF-8 repaired, numbers
/// of any encoding as doubles. Collection headers are checked against the entry cap.
/// </summary>
internal static class MsgPackValues
{
    public static ulong ReadUInt64(ref MessagePackReader reader)
    {
        // Fast paths on the format byte alone (ids, times and v0.5 indexes are all integers);
        // anything else goes through the lenient switch below.
        var first = reader.NextCode;
        if (IsUnsigned(first))
        {
            return reader.ReadUInt64();
        }

        if (IsSigned(first))
        {
            return unchecked((ulong)reader.ReadInt64());
        }

        switch (reader.NextMessagePackType)
        {
            case MessagePackType.Integer:
                var code = reader.NextCode;
                return IsSigned(code) ? unchecked((ulong)reader.ReadInt64()) : reader.ReadUInt64();
            case MessagePackType.Nil:
                reader.ReadNil();
                return 0;
            case MessagePackType.Float:
                return unchecked((ulong)reader.ReadDouble());
            default:
                throw new DatadogDecodeException($"expected an integer, found {reader.NextMessagePackType}");
        }
    }

    public static long ReadInt64(ref MessagePackReader reader)
    {
        var first = reader.NextCode;
        if (IsSigned(first))
        {
            return reader.ReadInt64();
        }

        if (IsUnsigned(first))
        {
            return unchecked((long)reader.ReadUInt64());
        }

        switch (reader.NextMessagePackType)
        {
            case MessagePackType.Integer:
                var code = reader.NextCode;
                return IsSigned(code) ? reader.ReadInt64() : unchecked((long)reader.ReadUInt64());
            case MessagePackType.Nil:
                reader.ReadNil();
                return 0;
            case MessagePackType.Float:
                return (long)reader.ReadDouble();
            case MessagePackType.Boolean:
                return reader.ReadBoolean() ? 1 : 0;
            default:
                throw new DatadogDecodeException($"expected an integer, found {reader.NextMessagePackType}");
        }
    }

    public static double ReadDouble(ref MessagePackReader reader)
    {
        switch (reader.NextMessagePackType)
        {
            case MessagePackType.Float:
                return reader.ReadDouble();
            case MessagePackType.Integer:
                var code = reader.NextCode;
                return IsSigned(code) ? reader.ReadInt64() : reader.ReadUInt64();
            case MessagePackType.Nil:
                reader.ReadNil();
                return 0;
            case MessagePackType.Boolean:
                return reader.ReadBoolean() ? 1 : 0;
            default:
                throw new DatadogDecodeException($"expected a number, found {reader.NextMessagePackType}");
        }
    }

    /// <summary>A str or bin value (nil = empty) as a string; short ASCII ones come from <paramref name="cache"/>.</summary>
    public static string ReadString(ref MessagePackReader reader, Utf8StringCache cache)
    {
        var code = reader.NextCode;
        if (code is (>= MessagePackCode.MinFixStr and <= MessagePackCode.MaxFixStr) or MessagePackCode.Str8 or MessagePackCode.Str16 or MessagePackCode.Str32
            && reader.TryReadStringSpan(out var contiguous))
        {
            return cache.GetOrAdd(contiguous);
        }

        switch (reader.NextMessagePackType)
        {
            case MessagePackType.String:
                if (reader.TryReadStringSpan(out var span))
                {
                    return cache.GetOrAdd(span);
                }

                return Decode(reader.ReadStringSequence()!.Value, cache);
            case MessagePackType.Binary:
                return Decode(reader.ReadBytes()!.Value, cache);
            case MessagePackType.Nil:
                reader.ReadNil();
                return string.Empty;
            case MessagePackType.Integer:
            case MessagePackType.Float:
            case MessagePackType.Boolean:
                // Not what tracers send, but a scalar has one obvious text form.
                return ScalarText(ref reader);
            default:
                throw new DatadogDecodeException($"expected a string, found {reader.NextMessagePackType}");
        }
    }

    /// <summary>Raw bytes of a bin or str value (nil = empty), capped.</summary>
    public static byte[] ReadBytes(ref MessagePackReader reader, int maxBytes)
    {
        ReadOnlySequence<byte>? bytes = reader.NextMessagePackType switch
        {
            MessagePackType.Binary => reader.ReadBytes(),
            MessagePackType.String => reader.ReadStringSequence(),
            MessagePackType.Nil => null,
            _ => throw new DatadogDecodeException($"expected bytes, found {reader.NextMessagePackType}"),
        };
        if (bytes is null)
        {
            reader.TryReadNil();
            return [];
        }

        if (bytes.Value.Length > maxBytes)
        {
            throw new DatadogDecodeException($"a value of {bytes.Value.Length} bytes is over the limit of {maxBytes}");
        }

        return bytes.Value.ToArray();
    }

    /// <summary>An array header (nil = empty) checked against the entry cap.</summary>
    public static int ReadArrayHeader(ref MessagePackReader reader)
    {
        var code = reader.NextCode;
        if (code is >= MessagePackCode.MinFixArray and <= MessagePackCode.MaxFixArray)
        {
            // At most 15 entries: under any cap, no need to peek at the count.
            return reader.ReadArrayHeader();
        }

        if (reader.TryReadNil())
        {
            return 0;
        }

        if (reader.NextMessagePackType != MessagePackType.Array)
        {
            throw new DatadogDecodeException($"expected an array, found {reader.NextMessagePackType}");
        }

        CheckCount(PeekCollectionCount(ref reader), "array");
        return reader.ReadArrayHeader();
    }

    /// <summary>A map header (nil = empty) checked against the entry cap.</summary>
    public static int ReadMapHeader(ref MessagePackReader reader)
    {
        var code = reader.NextCode;
        if (code is >= MessagePackCode.MinFixMap and <= MessagePackCode.MaxFixMap)
        {
            return reader.ReadMapHeader();
        }

        if (reader.TryReadNil())
        {
            return 0;
        }

        if (reader.NextMessagePackType != MessagePackType.Map)
        {
            throw new DatadogDecodeException($"expected a map, found {reader.NextMessagePackType}");
        }

        CheckCount(PeekCollectionCount(ref reader), "map");
        return reader.ReadMapHeader();
    }

    /// <summary>
    /// Skips one value of any shape without recursion (MessagePackReader.Skip recurses, so a body of
    /// nested one-element arrays could exhaust the stack).
    /// </summary>
    public static void Skip(ref MessagePackReader reader)
    {
        long pending = 1;
        while (pending > 0)
        {
            pending--;
            switch (reader.NextMessagePackType)
            {
                case MessagePackType.Array:
                    pending += ReadArrayHeader(ref reader);
                    break;
                case MessagePackType.Map:
                    pending += 2L * ReadMapHeader(ref reader);
                    break;
                default:
                    reader.Skip();
                    break;
            }
        }
    }

    public static bool IsSigned(byte code) =>
        code is MessagePackCode.Int8 or MessagePackCode.Int16 or MessagePackCode.Int32 or MessagePackCode.Int64
        || code >= MessagePackCode.MinNegativeFixInt;

    /// <summary>Positive fixint or uint8..uint64.</summary>
    public static bool IsUnsigned(byte code) =>
        code <= MessagePackCode.MaxFixInt || code is MessagePackCode.UInt8 or MessagePackCode.UInt16 or MessagePackCode.UInt32 or MessagePackCode.UInt64;

    private static void CheckCount(long declared, string what)
    {
        if (declared > DatadogLimits.MaxCollectionEntries)
        {
            throw new DatadogDecodeException($"a {what} declares {declared} entries, over the limit of {DatadogLimits.MaxCollectionEntries}");
        }
    }

    /// <summary>The entry count a map/array header declares, read without consuming it.</summary>
    private static long PeekCollectionCount(ref MessagePackReader reader)
    {
        var peek = reader.CreatePeekReader();
        var code = peek.NextCode;
        if (code is >= MessagePackCode.MinFixArray and <= MessagePackCode.MaxFixArray)
        {
            return code - MessagePackCode.MinFixArray;
        }

        if (code is >= MessagePackCode.MinFixMap and <= MessagePackCode.MaxFixMap)
        {
            return code - MessagePackCode.MinFixMap;
        }

        var header = peek.Sequence.Slice(peek.Position);
        Span<byte> bytes = stackalloc byte[5];
        var available = (int)Math.Min(header.Length, code is MessagePackCode.Array16 or MessagePackCode.Map16 ? 3 : 5);
        header.Slice(0, available).CopyTo(bytes);
        if (code is MessagePackCode.Array16 or MessagePackCode.Map16)
        {
            return available < 3 ? 0 : (bytes[1] << 8) | bytes[2];
        }

        return available < 5 ? 0 : System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(bytes[1..]);
    }

    private static string Decode(ReadOnlySequence<byte> bytes, Utf8StringCache cache)
    {
        if (bytes.IsSingleSegment)
        {
            return cache.GetOrAdd(bytes.FirstSpan);
        }

        return Encoding.UTF8.GetString(bytes);
    }

    private static string ScalarText(ref MessagePackReader reader) => reader.NextMessagePackType switch
    {
        MessagePackType.Boolean => reader.ReadBoolean() ? "true" : "false",
        MessagePackType.Float => reader.ReadDouble().ToString("R", System.Globalization.CultureInfo.InvariantCulture),
        _ => IsSigned(reader.NextCode)
            ? reader.ReadInt64().ToString(System.Globalization.CultureInfo.InvariantCulture)
            : reader.ReadUInt64().ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}
