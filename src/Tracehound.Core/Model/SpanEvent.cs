namespace Tracehound.Model;

/// <summary>A timestamped event inside a span (OTLP <c>Span.Event</c>; Jaeger calls them logs).</summary>
public sealed record SpanEvent(long TimeUnixNano, string Name, KeyValue[] Attributes, uint DroppedAttributesCount = 0);
