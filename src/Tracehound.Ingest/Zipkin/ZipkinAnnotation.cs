namespace Tracehound.Ingest.Zipkin;

/// <summary>A Zipkin annotation: epoch microseconds and a message (v1 core annotations carry their endpoint).</summary>
internal readonly record struct ZipkinAnnotation(long TimestampMicros, string Value, ZipkinEndpoint? Endpoint = null);
