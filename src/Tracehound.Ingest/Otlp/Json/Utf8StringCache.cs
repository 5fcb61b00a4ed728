using System.Text;
using System.Text.Unicode;

namespace Tracehound.Ingest.Otlp.Json;

/// <summary>
/// Turns short UTF-8 strings that repeat from request to request (attribute keys, span and event
/// names) into shared <see cref="string"/> instances, so decoding a key costs a hash and a compare
/// instead of an allocation. Direct-mapped and fixed-size: a colliding string overwrites the slot,
/// so the cache is bounded no matter what clients send, and it is safe to share between threads
/// because every slot holds an immutable entry that is replaced whole.
/// </summary>
internal sealed class Utf8StringCache
{
    /// <summary>Longer strings are decoded without the cache (they rarely repeat).</summary>
    public const int MaxLength = 128;

    private const int SlotCount = 4096;

    private readonly Entry?[] _slots = new Entry?[SlotCount];

    public static Utf8StringCache Shared { get; } = new();

    /// <summary>The string for <paramref name="utf8"/>; false when the bytes are not valid UTF-8.</summary>
    public bool TryGet(ReadOnlySpan<byte> utf8, out string value)
    {
        if (utf8.IsEmpty)
        {
            value = string.Empty;
            return true;
        }

        if (utf8.Length > MaxLength)
        {
            return TryDecode(utf8, out value);
        }

        var hash = new HashCode();
        hash.AddBytes(utf8);
        ref var slot = ref _slots[hash.ToHashCode() & (SlotCount - 1)];
        var entry = Volatile.Read(ref slot);
        if (entry is not null && utf8.SequenceEqual(entry.Utf8))
        {
            value = entry.Value;
            return true;
        }

        if (!TryDecode(utf8, out value))
        {
            return false;
        }

        Volatile.Write(ref slot, new Entry(utf8.ToArray(), value));
        return true;
    }

    private static bool TryDecode(ReadOnlySpan<byte> utf8, out string value)
    {
        if (!Utf8.IsValid(utf8))
        {
            value = string.Empty;
            return false;
        }

        value = Encoding.UTF8.GetString(utf8);
        return true;
    }

    private sealed record Entry(byte[] Utf8, string Value);
}
