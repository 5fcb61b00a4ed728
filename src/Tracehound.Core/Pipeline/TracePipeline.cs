using Tracehound.Model;

namespace Tracehound.Pipeline;

/// <summary>
/// The ordered processors every batch goes through, then the fan-out to the exporters. A batch is
/// accepted only when every exporter accepted it, so a client is told "ok" only once its spans are
/// where they must be (for the embedded store: durable).
/// </summary>
public sealed class TracePipeline
{
    private readonly ISpanProcessor[] _processors;
    private readonly ISpanExporter[] _exporters;

    public TracePipeline(IEnumerable<ISpanProcessor> processors, IEnumerable<ISpanExporter> exporters)
    {
        _processors = [.. processors];
        _exporters = [.. exporters];
    }

    public async ValueTask<ExportResult> ProcessAsync(SpanBatch batch, CancellationToken cancellationToken)
    {
        foreach (var processor in _processors)
        {
            processor.Process(batch);
        }

        if (batch.Count == 0)
        {
            batch.MarkAccepted();
            return ExportResult.Success;
        }

        if (_exporters.Length == 1)
        {
            var result = await _exporters[0].ExportAsync(batch, cancellationToken).ConfigureAwait(false);
            if (result == ExportResult.Success)
            {
                batch.MarkAccepted();
            }

            return result;
        }

        var pending = new Task<ExportResult>[_exporters.Length];
        for (var i = 0; i < _exporters.Length; i++)
        {
            pending[i] = _exporters[i].ExportAsync(batch, cancellationToken).AsTask();
        }

        var results = await Task.WhenAll(pending).ConfigureAwait(false);
        foreach (var result in results)
        {
            if (result != ExportResult.Success)
            {
                return result;
            }
        }

        batch.MarkAccepted();
        return ExportResult.Success;
    }
}
