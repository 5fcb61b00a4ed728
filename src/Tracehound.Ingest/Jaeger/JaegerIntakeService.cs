using Tracehound.Model;
using Tracehound.Pipeline;

namespace Tracehound.Ingest.Jaeger;

/// <summary>
/// The transport-neutral Jaeger intake: the HTTP collector endpoint and the UDP agent listeners
/// decode Thrift and hand the batch here; it resolves once the pipeline (and so the store) has it.
/// </summary>
public sealed class JaegerIntakeService
{
    private readonly TracePipeline _pipeline;

    public JaegerIntakeService(TracePipeline pipeline, long maxBodyBytes)
    {
        _pipeline = pipeline;
        MaxBodyBytes = maxBodyBytes;
    }

    /// <summary>Largest HTTP body accepted, also after decompression.</summary>
    public long MaxBodyBytes { get; }

    public ValueTask<ExportResult> SubmitAsync(SpanBatch batch, CancellationToken cancellationToken) =>
        batch.Count == 0 ? ValueTask.FromResult(ExportResult.Success) : _pipeline.ProcessAsync(batch, cancellationToken);
}
