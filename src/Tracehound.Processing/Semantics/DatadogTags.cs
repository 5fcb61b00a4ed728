using Tracehound.Model;

namespace Tracehound.Processing.Semantics;

/// <summary>
/// Reads a span's Datadog meta and metrics wherever they live: <see cref="DatadogSpanInfo.Meta"/>/<see cref="DatadogSpanInfo.Metrics"/>,
/// the span's attributes (a tracer-sent view whose tags needed no normalization), or, for the lean
/// view derived at ingest, the value the full mapping would give (<see cref="DerivedDatadogTags"/>).
/// Stats and samplers read tags through here, so they see the same values as the query API.
/// </summary>
internal static class DatadogTags
{
    public static bool TryGetMeta(Span span, DatadogSpanInfo info, string key, out string value)
    {
        if (info is { Derived: true, Meta: null })
        {
            return DerivedDatadogTags.TryGetMeta(span, key, out value);
        }

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
        if (info is { Derived: true, Metrics: null })
        {
            return DerivedDatadogTags.TryGetMetric(span, key, out value);
        }

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
