namespace Tracehound.Ingest.Zipkin;

/// <summary>A v1 binary annotation: a tag, or (ca/sa/ma) the address of the remote side.</summary>
internal readonly record struct ZipkinV1BinaryAnnotation(string Key, string Value, ZipkinEndpoint? Endpoint);
