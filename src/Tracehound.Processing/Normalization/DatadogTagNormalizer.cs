using System.Globalization;
using Tracehound.Model;

namespace Tracehound.Processing.Normalization;

/// <summary>
/// The per-tag rules of spec §4: <c>env</c> and <c>peer.service</c> normalized,
/// <c>http.status_code</c> kept only when an integer 100..599, over-long keys and values truncated.
/// </summary>
internal static class DatadogTagNormalizer
{
    /// <summary>The meta entry after normalization; false when it must be removed.</summary>
    public static bool TryNormalizeMeta(KeyValue entry, out KeyValue normalized)
    {
        normalized = entry;
        var key = entry.Key;
        var value = entry.Value.ToString();
        var newValue = key switch
        {
            "env" => TagNormalizer.NormalizeTag(value),
            "peer.service" => TagNormalizer.NormalizeTagValue(Utf8Truncation.Truncate(value, DatadogLimits.MaxServiceLength)),
            _ => value,
        };
        if (key == "http.status_code" && !IsValidStatusCode(value))
        {
            return false;
        }

        if (!IsExempt(key) && Utf8Truncation.IsLonger(newValue, DatadogLimits.MaxMetaValueLength))
        {
            newValue = Utf8Truncation.Truncate(newValue, DatadogLimits.MaxMetaValueLength) + DatadogLimits.TruncationSuffix;
        }

        var newKey = TruncateKey(key, DatadogLimits.MaxMetaKeyLength);
        if (!ReferenceEquals(newKey, key) || !ReferenceEquals(newValue, value) || entry.Value.Type != AnyValueType.String)
        {
            normalized = KeyValue.String(newKey, newValue);
        }

        return true;
    }

    public static KeyValue NormalizeMetric(KeyValue entry)
    {
        var key = TruncateKey(entry.Key, DatadogLimits.MaxMetricsKeyLength);
        return ReferenceEquals(key, entry.Key) ? entry : new KeyValue(key, entry.Value);
    }

    /// <summary>Whether <see cref="TryNormalizeMeta"/> would change or remove the entry (checked without allocating).</summary>
    public static bool MetaNeedsWork(KeyValue entry)
    {
        var key = entry.Key;
        if (Utf8Truncation.IsLonger(key, DatadogLimits.MaxMetaKeyLength))
        {
            return true;
        }

        var value = entry.Value.Type == AnyValueType.String ? entry.Value.AsString() : entry.Value.ToString();
        return key switch
        {
            "env" => !ReferenceEquals(TagNormalizer.NormalizeTag(value), value),
            "peer.service" => !ReferenceEquals(TagNormalizer.NormalizeTagValue(Utf8Truncation.Truncate(value, DatadogLimits.MaxServiceLength)), value),
            "http.status_code" => !IsValidStatusCode(value),
            _ => !IsExempt(key) && Utf8Truncation.IsLonger(value, DatadogLimits.MaxMetaValueLength),
        };
    }

    public static bool MetricNeedsWork(KeyValue entry) => Utf8Truncation.IsLonger(entry.Key, DatadogLimits.MaxMetricsKeyLength);

    private static bool IsValidStatusCode(string value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var code) && code is >= 100 and <= 599;

    /// <summary>Structured payloads the agent never cuts (a cut would make them unparseable).</summary>
    private static bool IsExempt(string key) =>
        key.StartsWith("_dd.", StringComparison.Ordinal) &&
        (key.EndsWith(".json", StringComparison.Ordinal) || key.EndsWith(".msgpack", StringComparison.Ordinal) || key.EndsWith(".protobuf", StringComparison.Ordinal));

    private static string TruncateKey(string key, int maxBytes) =>
        Utf8Truncation.IsLonger(key, maxBytes) ? Utf8Truncation.Truncate(key, maxBytes) + DatadogLimits.TruncationSuffix : key;
}
