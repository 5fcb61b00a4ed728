using Tracehound.Model;
using Tracehound.Pipeline;

namespace Tracehound.Ingest.Otlp;

/// <summary>
/// The transport-neutral OTLP trace service: the gRPC and HTTP adapters decode a request and hand
/// the batch here. It answers only once the pipeline (and so the store) has accepted the batch.
/// </summary>
public sealed class OtlpTraceService
{
    private readonly TracePipeline _pipeline;

    public OtlpTraceService(TracePipeline pipeline)
    {
        _pipeline = pipeline;
    }

    public ValueTask<OtlpExportOutcome> ExportAsync(SpanBatch batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        return OtlpExportOutcome.ProcessAsync(batch, batch.Count, batch.RejectedSpans, batch.RejectionMessage, _pipeline.ProcessAsync, cancellationToken);
    }
}
