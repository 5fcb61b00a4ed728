namespace Tracehound.Model;

/// <summary>
/// The Datadog fields of a span received from a Datadog tracer, kept beside its OpenTelemetry view
/// so nothing of the wire span is lost. The span's <c>meta</c> are its string attributes and its
/// <c>metrics</c> its double attributes, both in wire order (they are not repeated here); links and
/// events (native or the JSON-in-meta forms) are the span's <see cref="Span.Links"/> and
/// <see cref="Span.Events"/>.
/// </summary>
public sealed class DatadogSpanInfo
{
    /// <summary>
    /// True when Tracehound computed this view from the span's OpenTelemetry fields (OTLP, Zipkin,
    /// Jaeger spans) rather than receiving it from a Datadog tracer. A derived view is a pure
    /// function of the span and its resource, so stores do not keep it (it would double the bytes
    /// of every span) and readers compute it again.
    /// </summary>
    public bool Derived { get; set; }

    public string Service { get; set; } = string.Empty;

    /// <summary>The Datadog operation name (<c>name</c>), e.g. <c>web.request</c>.</summary>
    public string Name { get; set; } = string.Empty;

    public string Resource { get; set; } = string.Empty;

    /// <summary>Span type: web, http, sql, queue, ...; empty when the tracer sent none.</summary>
    public string Type { get; set; } = string.Empty;

    /// <summary>The wire <c>error</c> field (1 = error).</summary>
    public int Error { get; set; }

    /// <summary>
    /// The Datadog <c>meta</c> (string values) when it is not simply the span's string attributes:
    /// spans mapped from OpenTelemetry, or Datadog spans whose tags normalization had to change.
    /// Null ⇒ the span's string attributes are the meta.
    /// </summary>
    public KeyValue[]? Meta { get; set; }

    /// <summary>The Datadog <c>metrics</c> (double values), same rule as <see cref="Meta"/>: null ⇒ the span's double attributes.</summary>
    public KeyValue[]? Metrics { get; set; }

    /// <summary>Top-level for Datadog (root, parent not in the chunk, or parent of another service), i.e. metric <c>_top_level</c> = 1.</summary>
    public bool TopLevel { get; set; }

    /// <summary>Metric <c>_dd.measured</c> = 1: stats are computed for this span though it is not top-level.</summary>
    public bool Measured { get; set; }

    /// <summary><c>meta_struct</c>: each value is the raw msgpack bytes the tracer sent.</summary>
    public KeyValue[] MetaStruct { get; set; } = [];

    /// <summary>The trace chunk the span came in (shared by the chunk's spans).</summary>
    public DatadogChunkInfo Chunk { get; set; } = DatadogChunkInfo.None;

    /// <summary>The tracer payload (request) the span came in (shared by the request's spans).</summary>
    public DatadogPayloadInfo Payload { get; set; } = DatadogPayloadInfo.None;
}
