using Tracehound.Model;

namespace Tracehound.Processing.Semantics;

/// <summary>Attribute lookup as the current agent does it: the span's attributes first, then its resource's.</summary>
/// <remarks>
/// Deriving one span's view asks for ~30 keys, most of them absent, and each miss scans the span's
/// and the resource's attributes. Inside <see cref="BeginSpan"/> … <see cref="EndSpan"/> a 64-bit
/// summary of the keys present (length and first/last characters) answers most misses without a
/// scan; it never hides a present key, so results are the same.
/// </remarks>
internal static class OtelAttributeLookup
{
    [ThreadStatic]
    private static Span? t_indexedSpan;

    [ThreadStatic]
    private static ulong t_keyBits;

    /// <summary>Summarizes the keys of <paramref name="span"/> and its resource for the lookups until <see cref="EndSpan"/>.</summary>
    public static void BeginSpan(Span span)
    {
        ulong bits = 0;
        foreach (var kv in span.Attributes)
        {
            bits |= KeyBit(kv.Key);
        }

        foreach (var kv in span.Resource.Attributes)
        {
            bits |= KeyBit(kv.Key);
        }

        t_keyBits = bits;
        t_indexedSpan = span;
    }

    public static void EndSpan() => t_indexedSpan = null;

    /// <summary>The value as text (numbers invariant, arrays as JSON), or empty when neither has the key.</summary>
    public static string Get(Span span, string key)
    {
        if (ReferenceEquals(t_indexedSpan, span) && (t_keyBits & KeyBit(key)) == 0)
        {
            return string.Empty;
        }

        if (TryFind(span.Attributes, key, out var value) || TryFind(span.Resource.Attributes, key, out value))
        {
            return value.ToString();
        }

        return string.Empty;
    }

    /// <summary>The first of two keys that is set (newer semantic convention first).</summary>
    public static string Get(Span span, string key, string fallbackKey)
    {
        var value = Get(span, key);
        return value.Length > 0 ? value : Get(span, fallbackKey);
    }

    public static bool TryFind(KeyValue[] attributes, string key, out AnyValue value)
    {
        foreach (var kv in attributes)
        {
            if (kv.Key == key)
            {
                value = kv.Value;
                return true;
            }
        }

        value = default;
        return false;
    }

    public static string Find(KeyValue[] attributes, string key) =>
        TryFind(attributes, key, out var value) ? value.ToString() : string.Empty;

    private static ulong KeyBit(string key) =>
        key.Length == 0 ? 1UL : 1UL << (int)(((uint)key.Length * 31 + key[0] * 7u + key[^1]) & 63);
}
