using Tracehound.Model;

namespace Tracehound.Pipeline;

/// <summary>
/// The log counterpart of <see cref="TracePipeline"/>: ordered processors, then every exporter. A
/// batch is accepted only when every exporter accepted it (for the store: durable).
/// </summary>
public sealed class LogPipeline
{
    private readonly ILogProcessor[] _processors;
    private readonly ILogExporter[] _exporters;

    public LogPipeline(IEnumerable<ILogProcessor> processors, IEnumerable<ILogExporter> exporters)
    {
        _processors = [.. processors];
        _exporters = [.. exporters];
    }

    public async ValueTask<ExportResult> ProcessAsync(LogBatch batch, CancellationToken cancellationToken)
    {
        foreach (var processor in _processors)
        {
            processor.Process(batch);
        }

        if (batch.Count == 0)
        {
            return ExportResult.Success;
        }

        foreach (var exporter in _exporters)
        {
            var result = await exporter.ExportAsync(batch, cancellationToken).ConfigureAwait(false);
            if (result != ExportResult.Success)
            {
                return result;
            }
        }

        return ExportResult.Success;
    }
}
