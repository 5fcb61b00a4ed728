using Tracehound.Model;
using Tracehound.Pipeline;

namespace Tracehound.Ingest.Otlp;

/// <summary>
/// The transport-neutral OTLP logs service: the gRPC and HTTP adapters decode a request and hand
/// the batch here. It answers only once the log pipeline (and so the store) has accepted the batch.
/// </summary>
public sealed class OtlpLogsService
{
    private readonly LogPipeline _pipeline;

    public OtlpLogsService(LogPipeline pipeline)
    {
        _pipeline = pipeline;
    }

    public ValueTask<OtlpExportOutcome> ExportAsync(LogBatch batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        return OtlpExportOutcome.ProcessAsync(batch, batch.Count, batch.RejectedLogRecords, batch.RejectionMessage, _pipeline.ProcessAsync, cancellationToken);
    }
}
