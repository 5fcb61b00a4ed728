using Tracehound.Model;
using Tracehound.Pipeline;
using Tracehound.Storage;

namespace Tracehound.Hosting;

/// <summary>Hands processed batches to a trace store; completes when the store says they are durable.</summary>
internal sealed class StoreExporter : ISpanExporter
{
    private readonly ITraceStore _store;

    public StoreExporter(ITraceStore store)
    {
        _store = store;
    }

    public string Name => "store";

    public ValueTask<ExportResult> ExportAsync(SpanBatch batch, CancellationToken cancellationToken) =>
        _store.WriteAsync(batch, cancellationToken);
}
