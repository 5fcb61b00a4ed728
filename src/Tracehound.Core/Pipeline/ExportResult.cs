namespace Tracehound.Pipeline;

/// <summary>How a hand-off to the pipeline, an exporter or a store ended.</summary>
public enum ExportResult
{
    /// <summary>Accepted; for a store this means durable.</summary>
    Success,

    /// <summary>Refused because a bounded queue is full; the client should retry later (HTTP 429, gRPC RESOURCE_EXHAUSTED).</summary>
    Overloaded,

    /// <summary>Refused because the server is shutting down (HTTP 503, gRPC UNAVAILABLE).</summary>
    Unavailable,
}
