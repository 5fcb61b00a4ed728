using Tracehound.Model;
using Tracehound.Pipeline;
using Tracehound.Storage;

namespace Tracehound.Hosting;

/// <summary>Hands processed log batches to the log store; completes when the store says they are durable.</summary>
internal sealed class StoreLogExporter(ILogStore store) : ILogExporter
{
    public string Name => "store";

    public ValueTask<ExportResult> ExportAsync(LogBatch batch, CancellationToken cancellationToken) =>
        store.WriteLogsAsync(batch, cancellationToken);
}
