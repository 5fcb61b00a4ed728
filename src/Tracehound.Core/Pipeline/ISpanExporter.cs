using Tracehound.Model;

namespace Tracehound.Pipeline;

/// <summary>Where processed batches go: the embedded store, another collector, a Datadog intake.</summary>
public interface ISpanExporter
{
    string Name { get; }

    /// <summary>Completes when the exporter has taken responsibility for the batch (for a store: when it is durable).</summary>
    ValueTask<ExportResult> ExportAsync(SpanBatch batch, CancellationToken cancellationToken);
}
