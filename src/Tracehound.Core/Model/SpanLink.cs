namespace Tracehound.Model;

/// <summary>A link from a span to another span, possibly in another trace (OTLP <c>Span.Link</c>).</summary>
public sealed record SpanLink(TraceId TraceId, SpanId SpanId, string TraceState, KeyValue[] Attributes, uint DroppedAttributesCount = 0, uint Flags = 0);
