using Tracehound.Model;
using Tracehound.Pipeline;

namespace Tracehound.Ingest.Zipkin;

/// <summary>
/// The transport-neutral Zipkin intake: the v1 and v2 HTTP endpoints
/// decode JSON or protobuf and hand the batch here; it resolves once the pipeline (and so the store) has it.
/// </summary>
public sealed class ZipkinIntakeService
{
    private readonly TracePipeline _pipeline;

    public ZipkinIntakeService(TracePipeline pipeline, long maxBodyBytes)
    {
        _pipeline = pipeline;
        MaxBodyBytes = maxBodyBytes;
    }

    /// <summary>Largest HTTP body accepted, also after decompression.</summary>
    public long MaxBodyBytes { get; }

    public ValueTask<ExportResult> SubmitAsync(SpanBatch batch, CancellationToken cancellationToken) =>
        batch.Count == 0 ? ValueTask.FromResult(ExportResult.Success) : _pipeline.ProcessAsync(batch, cancellationToken);
}
