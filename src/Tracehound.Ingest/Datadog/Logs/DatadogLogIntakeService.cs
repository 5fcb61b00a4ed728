using Tracehound.Model;
using Tracehound.Pipeline;

namespace Tracehound.Ingest.Datadog.Logs;

/// <summary>
/// The Datadog HTTP log intake (<c>POST /api/v2/logs</c> on the Datadog port): decoded batches go
/// through the log pipeline, so an answer means the logs are durable.
/// </summary>
public sealed class DatadogLogIntakeService
{
    private readonly LogPipeline _pipeline;

    /// <param name="pipeline">Where decoded logs go.</param>
    /// <param name="maxBodyBytes"><c>--max-body-size</c>; the intake also keeps to Datadog's 5 MB per payload.</param>
    public DatadogLogIntakeService(LogPipeline pipeline, long maxBodyBytes)
    {
        _pipeline = pipeline;
        MaxPayloadBytes = Math.Min(maxBodyBytes, DatadogLogLimits.MaxPayloadBytes);
    }

    /// <summary>The largest body accepted, before and after decompression.</summary>
    public long MaxPayloadBytes { get; }

    public ValueTask<ExportResult> SubmitAsync(LogBatch batch, CancellationToken cancellationToken) =>
        batch.Count == 0 ? ValueTask.FromResult(ExportResult.Success) : _pipeline.ProcessAsync(batch, cancellationToken);
}
