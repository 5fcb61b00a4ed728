namespace Tracehound.Ingest.Otlp.Grpc;

/// <summary>
/// A decoded Export*ServiceRequest (a span or log batch), or why it could not be decoded. The gRPC
/// deserializer must not throw (that would surface as an opaque error), so a bad payload travels
/// to the handler as <see cref="Error"/> and becomes INVALID_ARGUMENT there.
/// </summary>
internal sealed class OtlpExportRequest<TBatch>
    where TBatch : class
{
    private OtlpExportRequest(TBatch? batch, string? error)
    {
        Batch = batch;
        Error = error;
    }

    public TBatch? Batch { get; }

    public string? Error { get; }

    public static OtlpExportRequest<TBatch> Decoded(TBatch batch) => new(batch, null);

    public static OtlpExportRequest<TBatch> Malformed(string error) => new(null, error);
}
