using Tracehound.Model;

namespace Tracehound.Processing.Semantics;

/// <summary>Reads a span's Datadog meta and metrics wherever they live: <see cref="DatadogSpanInfo.Meta"/>/<see cref="DatadogSpanInfo.Metrics"/>, or the span's attributes.</summary>
internal static class DatadogTags
{
    public static bool TryGetMeta(Span span, DatadogSpanInfo info, string key, out string value)
    {
        foreach (var kv in info.Meta ?? span.Attributes)
        {
            if (kv.Key == key && kv.Value.Type == AnyValueType.String)
            {
                value = kv.Value.AsString();
                return true;
            }
        }

        value = string.Empty;
        return false;
    }

    public static bool TryGetMetric(Span span, DatadogSpanInfo info, string key, out double value)
    {
        foreach (var kv in info.Metrics ?? span.Attributes)
        {
            if (kv.Key == key && kv.Value.Type == AnyValueType.Double)
            {
                value = kv.Value.AsDouble();
                return true;
            }
        }

        value = 0;
        return false;
    }
}
