using Tracehound.Model;

namespace Tracehound.Pipeline;

/// <summary>Where processed log batches go (the log store).</summary>
public interface ILogExporter
{
    string Name { get; }

    /// <summary>Completes when the exporter has taken responsibility for the batch (for a store: when it is durable).</summary>
    ValueTask<ExportResult> ExportAsync(LogBatch batch, CancellationToken cancellationToken);
}
