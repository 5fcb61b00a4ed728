using Tracehound.Model;
using Tracehound.Processing.Semantics;

namespace Tracehound.Processing.Sampling;

/// <summary>
/// The Datadog fields the samplers read, from a span's Datadog view when it has one, else from its
/// OpenTelemetry fields (the same fallbacks the OTLP mapping uses for service, name and error).
/// </summary>
internal static class SamplingSpanView
{
    public static string Service(Span span) => span.Datadog is { } info ? info.Service : span.ServiceName;

    public static string Name(Span span) => span.Datadog is { } info ? info.Name : span.Name;

    public static string Resource(Span span) => span.Datadog is { } info ? info.Resource : span.Name;

    public static bool IsError(Span span) => span.Datadog is { } info ? info.Error != 0 : span.StatusCode == StatusCode.Error;

    /// <summary>Top-level or measured: the spans stats and the rare sampler look at.</summary>
    public static bool IsTopLevelOrMeasured(Span span) => span.Datadog is { } info
        ? info.TopLevel || info.Measured
        : span.ParentSpanId.IsEmpty || span.Kind is SpanKind.Server or SpanKind.Consumer;

    public static bool TryGetMeta(Span span, string key, out string value)
    {
        if (span.Datadog is { } info)
        {
            return DatadogTags.TryGetMeta(span, info, key, out value);
        }

        if (span.TryGetAttribute(key, out var attribute) && attribute.Type == AnyValueType.String)
        {
            value = attribute.AsString();
            return true;
        }

        value = string.Empty;
        return false;
    }

    public static bool TryGetMetric(Span span, string key, out double value)
    {
        if (span.Datadog is { } info)
        {
            return DatadogTags.TryGetMetric(span, info, key, out value);
        }

        value = 0;
        return false;
    }

    /// <summary>
    /// Sets a Datadog metric on a span received from a Datadog tracer (where the agent would set
    /// it). Spans of OpenTelemetry origin are left as they came: their Datadog view is derived, not stored.
    /// </summary>
    public static void SetMetric(Span span, string key, double value)
    {
        if (span.Datadog is not { Derived: false } info)
        {
            return;
        }

        var entry = new KeyValue(key, AnyValue.FromDouble(value));
        if (info.Metrics is { } metrics)
        {
            info.Metrics = ReplaceOrAppend(metrics, entry);
        }
        else
        {
            span.Attributes = ReplaceOrAppend(span.Attributes, entry);
        }
    }

    private static KeyValue[] ReplaceOrAppend(KeyValue[] values, KeyValue entry)
    {
        for (var i = 0; i < values.Length; i++)
        {
            if (values[i].Key == entry.Key)
            {
                values[i] = entry;
                return values;
            }
        }

        var grown = new KeyValue[values.Length + 1];
        values.CopyTo(grown, 0);
        grown[^1] = entry;
        return grown;
    }
}
