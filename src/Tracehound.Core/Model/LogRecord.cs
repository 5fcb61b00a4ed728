namespace Tracehound.Model;

/// <summary>
/// One log record in Tracehound's model (OTLP <c>LogRecord</c>). It keeps everything OTLP carries;
/// the trace context is optional, so an empty <see cref="TraceId"/> / <see cref="SpanId"/> means
/// the record was not written inside a span (or its ids were unusable and dropped).
/// </summary>
public sealed class LogRecord
{
    /// <summary>When the event happened; 0 when the source did not say.</summary>
    public long TimeUnixNano { get; set; }

    /// <summary>When the SDK or collector first saw the record; 0 when not set.</summary>
    public long ObservedTimeUnixNano { get; set; }

    /// <summary>OTLP severity number: 0 = unspecified, TRACE 1–4, DEBUG 5–8, INFO 9–12, WARN 13–16, ERROR 17–20, FATAL 21–24.</summary>
    public int SeverityNumber { get; set; }

    public string SeverityText { get; set; } = string.Empty;

    /// <summary>The message: usually a string, but any value (a map for structured events).</summary>
    public AnyValue Body { get; set; }

    public KeyValue[] Attributes { get; set; } = [];

    public uint DroppedAttributesCount { get; set; }

    /// <summary>W3C trace flags in the low 8 bits.</summary>
    public uint Flags { get; set; }

    public TraceId TraceId { get; set; }

    public SpanId SpanId { get; set; }

    public string EventName { get; set; } = string.Empty;

    public Resource Resource { get; set; } = Resource.Empty;

    public InstrumentationScope Scope { get; set; } = InstrumentationScope.Empty;

    /// <summary>The service that emitted the record: the resource's <c>service.name</c>.</summary>
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
