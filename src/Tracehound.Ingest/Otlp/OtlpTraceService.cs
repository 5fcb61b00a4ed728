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

    public async ValueTask<OtlpExportOutcome> ExportAsync(SpanBatch batch, CancellationToken cancellationToken)
    {
        // Counted before the pipeline runs: processors may drop spans (sampling), which is not a rejection.
        var rejected = batch.RejectedSpans;
        var message = batch.RejectionMessage;
        if (batch.Count == 0 && rejected > 0)
        {
            return new OtlpExportOutcome(ExportResult.Success, rejected, message) { NothingAccepted = true };
        }

        var result = await _pipeline.ProcessAsync(batch, cancellationToken).ConfigureAwait(false);
        return new OtlpExportOutcome(result, rejected, message);
    }
}
