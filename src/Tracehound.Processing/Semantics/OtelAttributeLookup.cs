using Tracehound.Model;

namespace Tracehound.Processing.Semantics;

/// <summary>Attribute lookup as the current agent does it: the span's attributes first, then its resource's.</summary>
internal static class OtelAttributeLookup
{
    /// <summary>The value as text (numbers invariant, arrays as JSON), or empty when neither has the key.</summary>
    public static string Get(Span span, string key)
    {
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
}
