using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Text;

namespace Tracehound.Ingest.Text;

/// <summary>
/// A bounded, lock-free cache from short ASCII UTF-8 byte runs to strings, so the attribute keys,
/// span names and common values that repeat in every batch do not allocate a new string each time.
/// Direct-mapped: each slot holds one string; a colliding string just replaces it. The slot array
/// holds immutable strings and a reference write is atomic, so concurrent decoders can share one
/// cache without locks (a lost race only costs a miss). Only ASCII is cached, which lets a hit be
/// checked by comparing bytes to chars without decoding.
/// </summary>
internal sealed class Utf8StringCache
{
    /// <summary>Longer strings are mostly unique (URLs, statements); caching them would only evict.</summary>
    public const int MaxCachedLength = 64;

    private readonly string?[] _slots;
    private readonly int _mask;

    public Utf8StringCache(int slotCount)
    {
        if (slotCount <= 0 || (slotCount & (slotCount - 1)) != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(slotCount), "The slot count must be a power of two.");
        }

        _slots = new string?[slotCount];
        _mask = slotCount - 1;
    }

    /// <summary>Attribute keys, span/event/scope names: few distinct values, seen constantly.</summary>
    public static Utf8StringCache Names { get; } = new(4096);

    /// <summary>String attribute values: more distinct values, so a separate cache keeps them from evicting names.</summary>
    public static Utf8StringCache Values { get; } = new(8192);

    public string GetOrAdd(ReadOnlySpan<byte> utf8)
    {
        if (utf8.Length == 0)
        {
            return string.Empty;
        }

        if (utf8.Length > MaxCachedLength)
        {
            return Encoding.UTF8.GetString(utf8);
        }

        ref var slot = ref _slots[Hash(utf8) & _mask];
        var cached = slot;
        if (cached is not null && cached.Length == utf8.Length && Ascii.Equals(utf8, cached))
        {
            return cached;
        }

        var value = Encoding.UTF8.GetString(utf8);
        if (value.Length == utf8.Length)
        {
            // Equal lengths: ASCII, or invalid bytes each replaced by one U+FFFD. The latter can
            // never hit (Ascii.Equals refuses non-ASCII), so it only costs the slot until evicted.
            slot = value;
        }

        return value;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Hash(ReadOnlySpan<byte> utf8)
    {
        // Length plus the first and last 8 bytes (overlapping for short strings): O(1), and keys
        // such as http.request.method / http.response.status_code differ in both ends.
        ulong head;
        ulong tail;
        if (utf8.Length >= 8)
        {
            head = BinaryPrimitives.ReadUInt64LittleEndian(utf8);
            tail = BinaryPrimitives.ReadUInt64LittleEndian(utf8[^8..]);
        }
        else
        {
            head = 0;
            for (var i = 0; i < utf8.Length; i++)
            {
                head = (head << 8) | utf8[i];
            }

            tail = 0;
        }

        var h = (head * 0x9E3779B97F4A7C15UL) ^ (tail * 0xC2B2AE3D27D4EB4FUL) ^ (ulong)utf8.Length;
        return (int)(h ^ (h >> 29) ^ (h >> 47));
    }
}
