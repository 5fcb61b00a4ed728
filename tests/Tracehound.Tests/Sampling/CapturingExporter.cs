using Tracehound.Model;
using Tracehound.Pipeline;

namespace Tracehound.Tests.Sampling;

/// <summary>An inner exporter that records what the tail sampler forwards.</summary>
internal sealed class CapturingExporter : ISpanExporter
{
    private readonly Lock _lock = new();

    public List<Span> Spans { get; } = [];

    public string Name => "capture";

    public HashSet<ulong> TraceLows
    {
        get
        {
            lock (_lock)
            {
                return [.. Spans.Select(s => s.TraceId.Low)];
            }
        }
    }

    public ValueTask<ExportResult> ExportAsync(SpanBatch batch, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            Spans.AddRange(batch.Spans);
        }

        return ValueTask.FromResult(ExportResult.Success);
    }
}
