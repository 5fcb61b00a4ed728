using Tracehound.Model;
using Tracehound.Pipeline;

namespace Tracehound.Processing.Normalization;

/// <summary>
/// The agent's normalization and truncation (spec §4) of every span's Datadog view: service,
/// name, resource, type and tag limits and fallbacks, the parent-id and time fixes. A Datadog
/// span's tags are its attributes; they are copied to <see cref="DatadogSpanInfo.Meta"/> and
/// <see cref="DatadogSpanInfo.Metrics"/> only when a rule changes one, so the OpenTelemetry
/// attributes always stay as received.
/// </summary>
public sealed class DatadogNormalizationProcessor : ISpanProcessor
{
    private readonly TimeProvider _time;

    public DatadogNormalizationProcessor()
        : this(TimeProvider.System)
    {
    }

    public DatadogNormalizationProcessor(TimeProvider time)
    {
        _time = time;
    }

    public void Process(SpanBatch batch)
    {
        foreach (var span in batch.Spans)
        {
            if (span.Datadog is { } info)
            {
                Normalize(span, info);
            }
        }
    }

    /// <summary>
    /// The span fields' part of normalization (service, name, resource, type), on the view alone:
    /// what the trace timeline needs for a view it derives without giving it to the span.
    /// </summary>
    internal static void NormalizeFields(DatadogSpanInfo info)
    {
        info.Service = NormalizeService(info.Service, info.Payload.LanguageName);
        info.Name = NormalizeName(info.Name);
        info.Resource = info.Resource.Length == 0
            ? info.Name
            : Utf8Truncation.Truncate(info.Resource, DatadogLimits.MaxResourceLength);
        info.Type = Utf8Truncation.Truncate(info.Type, DatadogLimits.MaxTypeLength);
    }

    private void Normalize(Span span, DatadogSpanInfo info)
    {
        NormalizeFields(info);
        if (!span.ParentSpanId.IsEmpty && span.ParentSpanId.Value == span.TraceId.Low && span.ParentSpanId.Value == span.SpanId.Value)
        {
            span.ParentSpanId = default;
        }

        FixTimes(span);
        NormalizeTags(span, info);
    }

    internal static string NormalizeService(string service, string language)
    {
        var normalized = service.Length == 0 ? service : TagNormalizer.NormalizeTagValue(Utf8Truncation.Truncate(service, DatadogLimits.MaxServiceLength));
        if (normalized.Length > 0)
        {
            return normalized;
        }

        // Built only when needed: formatting it for every span was most of normalization's garbage.
        return language.Length > 0 ? $"unnamed-{language}-service" : "unnamed-service";
    }

    internal static string NormalizeName(string name)
    {
        if (name.Length == 0)
        {
            return DatadogLimits.FallbackName;
        }

        return MetricNameNormalizer.TryNormalize(Utf8Truncation.Truncate(name, DatadogLimits.MaxNameLength), out var normalized)
            ? normalized
            : DatadogLimits.FallbackName;
    }

    private void FixTimes(Span span)
    {
        // An end before the start is a negative (or overflowing) duration: the agent makes it 0.
        if (span.EndTimeUnixNano < span.StartTimeUnixNano)
        {
            span.EndTimeUnixNano = span.StartTimeUnixNano;
        }

        if (span.StartTimeUnixNano < DatadogLimits.MinStartUnixNano)
        {
            var duration = span.EndTimeUnixNano - span.StartTimeUnixNano;
            var now = (_time.GetUtcNow() - DateTimeOffset.UnixEpoch).Ticks * 100;
            var start = now - duration;
            span.StartTimeUnixNano = start < 0 ? now : start;
            span.EndTimeUnixNano = span.StartTimeUnixNano + duration;
        }
    }

    private static void NormalizeTags(Span span, DatadogSpanInfo info)
    {
        if (info.Meta is null)
        {
            if (info.Derived)
            {
                // The lean view derived at ingest has no tags to normalize: DerivedDatadogTags
                // normalizes each value it reads from the attributes.
                return;
            }

            // A Datadog span: its attributes are meta (strings) and metrics (doubles).
            if (!AttributesNeedWork(span.Attributes))
            {
                return;
            }

            info.Meta = [.. span.Attributes.Where(kv => kv.Value.Type != AnyValueType.Double)];
            info.Metrics = [.. span.Attributes.Where(kv => kv.Value.Type == AnyValueType.Double)];
        }

        info.Meta = NormalizeMeta(info.Meta);
        if (info.Metrics is { } metrics)
        {
            for (var i = 0; i < metrics.Length; i++)
            {
                metrics[i] = DatadogTagNormalizer.NormalizeMetric(metrics[i]);
            }
        }
    }

    private static bool AttributesNeedWork(KeyValue[] attributes)
    {
        foreach (var kv in attributes)
        {
            if (kv.Value.Type == AnyValueType.Double ? DatadogTagNormalizer.MetricNeedsWork(kv) : DatadogTagNormalizer.MetaNeedsWork(kv))
            {
                return true;
            }
        }

        return false;
    }

    private static KeyValue[] NormalizeMeta(KeyValue[] meta)
    {
        var removed = 0;
        for (var i = 0; i < meta.Length; i++)
        {
            if (!DatadogTagNormalizer.MetaNeedsWork(meta[i]))
            {
                continue;
            }

            if (DatadogTagNormalizer.TryNormalizeMeta(meta[i], out var normalized))
            {
                meta[i] = normalized;
            }
            else
            {
                meta[i] = default;
                removed++;
            }
        }

        return removed == 0 ? meta : [.. meta.Where(kv => kv.Key is not null)];
    }
}
