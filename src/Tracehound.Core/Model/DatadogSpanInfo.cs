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
    public string Service { get; set; } = string.Empty;

    /// <summary>The Datadog operation name (<c>name</c>), e.g. <c>web.request</c>.</summary>
    public string Name { get; set; } = string.Empty;

    public string Resource { get; set; } = string.Empty;

    /// <summary>Span type: web, http, sql, queue, ...; empty when the tracer sent none.</summary>
    public string Type { get; set; } = string.Empty;

    /// <summary>The wire <c>error</c> field (1 = error).</summary>
    public int Error { get; set; }

    /// <summary><c>meta_struct</c>: each value is the raw msgpack bytes the tracer sent.</summary>
    public KeyValue[] MetaStruct { get; set; } = [];

    /// <summary>The trace chunk the span came in (shared by the chunk's spans).</summary>
    public DatadogChunkInfo Chunk { get; set; } = DatadogChunkInfo.None;

    /// <summary>The tracer payload (request) the span came in (shared by the request's spans).</summary>
    public DatadogPayloadInfo Payload { get; set; } = DatadogPayloadInfo.None;
}
