using Tracehound.Model;

namespace Tracehound.Ingest.Otlp.Grpc;

/// <summary>
/// A decoded <c>ExportTraceServiceRequest</c>, or why it could not be decoded. The gRPC
/// deserializer must not throw (that would surface as an opaque error), so a bad payload travels
/// to the handler as <see cref="Error"/> and becomes INVALID_ARGUMENT there.
/// </summary>
internal sealed class OtlpTraceExportRequest
{
    private OtlpTraceExportRequest(SpanBatch? batch, string? error)
    {
        Batch = batch;
        Error = error;
    }

    public SpanBatch? Batch { get; }

    public string? Error { get; }

    public static OtlpTraceExportRequest Decoded(SpanBatch batch) => new(batch, null);

    public static OtlpTraceExportRequest Malformed(string error) => new(null, error);
}
