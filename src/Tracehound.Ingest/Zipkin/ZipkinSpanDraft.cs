using Tracehound.Model;

namespace Tracehound.Ingest.Zipkin;

/// <summary>One decoded Zipkin v2 span (v1 spans are converted to this shape), before it is mapped to the model.</summary>
internal sealed class ZipkinSpanDraft
{
    public TraceId TraceId { get; set; }

    public ulong Id { get; set; }

    public ulong ParentId { get; set; }

    public string Name { get; set; } = string.Empty;

    public ZipkinSpanKind Kind { get; set; }

    /// <summary>Epoch microseconds; 0 when the span has none.</summary>
    public long TimestampMicros { get; set; }

    /// <summary>Microseconds; 0 when the span has none.</summary>
    public long DurationMicros { get; set; }

    public ZipkinEndpoint? LocalEndpoint { get; set; }

    public ZipkinEndpoint? RemoteEndpoint { get; set; }

    public List<ZipkinAnnotation> Annotations { get; } = [];

    /// <summary>Tag values are strings in v2; v1 binary annotations are converted to their text.</summary>
    public List<KeyValuePair<string, string>> Tags { get; } = [];

    public bool Debug { get; set; }

    /// <summary>The server side of an RPC span whose id the client side also uses (Zipkin's "shared" spans).</summary>
    public bool Shared { get; set; }
}
