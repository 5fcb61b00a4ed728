namespace Tracehound.Model;

/// <summary>
/// One span in Tracehound's model. It keeps everything OTLP carries; receivers of other formats
/// map into it, processors enrich it in place, stores persist it whole.
/// </summary>
public sealed class Span
{
    public TraceId TraceId { get; set; }

    public SpanId SpanId { get; set; }

    /// <summary>Empty for a root span.</summary>
    public SpanId ParentSpanId { get; set; }

    public string TraceState { get; set; } = string.Empty;

    /// <summary>W3C trace flags in the low 8 bits; bits 8–9 say whether the parent is remote.</summary>
    public uint Flags { get; set; }

    public string Name { get; set; } = string.Empty;

    public SpanKind Kind { get; set; }

    public long StartTimeUnixNano { get; set; }

    public long EndTimeUnixNano { get; set; }

    public long DurationNanos => EndTimeUnixNano >= StartTimeUnixNano ? EndTimeUnixNano - StartTimeUnixNano : 0;

    public KeyValue[] Attributes { get; set; } = [];

    public uint DroppedAttributesCount { get; set; }

    public SpanEvent[] Events { get; set; } = [];

    public uint DroppedEventsCount { get; set; }

    public SpanLink[] Links { get; set; } = [];

    public uint DroppedLinksCount { get; set; }

    public StatusCode StatusCode { get; set; }

    public string StatusMessage { get; set; } = string.Empty;

    public Resource Resource { get; set; } = Resource.Empty;

    public InstrumentationScope Scope { get; set; } = InstrumentationScope.Empty;

    /// <summary>The Datadog fields when the span came from a Datadog tracer; null otherwise.</summary>
    public DatadogSpanInfo? Datadog { get; set; }

    /// <summary>The service that emitted the span: the resource's <c>service.name</c>.</summary>
    public string ServiceName => Resource.ServiceName;

    public bool TryGetAttribute(string key, out AnyValue value)
    {
        foreach (var kv in Attributes)
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
}
