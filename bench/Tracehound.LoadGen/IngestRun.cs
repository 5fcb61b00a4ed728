using System.Collections.Concurrent;
using System.Diagnostics;
using Tracehound.Model;

namespace Tracehound.LoadGen;

/// <summary>
/// Sends rendered batches through a transport from many concurrent callers until the span budget
/// is spent; a refusal (queue full) is backed off and retried (and counted), as an exporter would.
/// </summary>
internal sealed class IngestRun
{
    private readonly IReadOnlyList<(BatchTemplate Template, IReadOnlyList<Span> Spans)> _templates;
    private readonly long _batchCount;
    private readonly long _timeStepNanos;
    private readonly long _baseShiftNanos;
    private long _nextBatch = -1;
    private long _spansAcknowledged;
    private long _refusals;

    public IngestRun(IReadOnlyList<(BatchTemplate Template, IReadOnlyList<Span> Spans)> templates, long totalSpans)
    {
        _templates = templates;
        var spansPerBatch = templates[0].Template.SpanCount;
        _batchCount = Math.Max(1, totalSpans / spansPerBatch);
        // Each send moves the data forward by one template's time span, so stored data covers a
        // realistic stretch of time ending about now.
        _timeStepNanos = templates.Max(t => t.Template.MaxEndUnixNano - t.Template.MinStartUnixNano) + 1_000_000;
        var templateStart = templates.Min(t => t.Template.MinStartUnixNano);
        var nowNanos = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() * 1_000_000;
        _baseShiftNanos = nowNanos - templateStart - (_batchCount * _timeStepNanos);
    }

    public long SpansAcknowledged => Interlocked.Read(ref _spansAcknowledged);

    public long Refusals => Interlocked.Read(ref _refusals);

    /// <summary>A sample of acknowledged trace ids, for the lookup phase.</summary>
    public ConcurrentBag<TraceId> SampledTraceIds { get; } = [];

    public async Task<TimeSpan> RunAsync(IExportTransport transport, int concurrency, Action<long, long>? progress)
    {
        var stopwatch = Stopwatch.StartNew();
        using var reporter = new Timer(_ => progress?.Invoke(SpansAcknowledged, Refusals), null, TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(5));

        // Every call waits until its spans are durable, so throughput is calls in flight divided
        // by the commit latency: many exporters at once, as a collector sees them.
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => SendLoopAsync(transport)));
        return stopwatch.Elapsed;
    }

    private async Task SendLoopAsync(IExportTransport transport)
    {
        var random = new Random();
        while (true)
        {
            var batch = Interlocked.Increment(ref _nextBatch);
            if (batch >= _batchCount)
            {
                return;
            }

            var (template, spans) = _templates[(int)(batch % _templates.Count)];
            var saltHigh = (ulong)random.NextInt64();
            var saltLow = (ulong)random.NextInt64();
            var payload = new byte[template.Length];
            template.Render(payload, saltHigh, saltLow, _baseShiftNanos + (batch * _timeStepNanos));
            while (!await transport.SendAsync(payload, template.TraceCount))
            {
                Interlocked.Increment(ref _refusals);
                await Task.Delay(50);
            }

            Interlocked.Add(ref _spansAcknowledged, template.SpanCount);
            if (batch % 16 == 0)
            {
                foreach (var id in template.TraceIds(spans, saltHigh, saltLow).Take(4))
                {
                    SampledTraceIds.Add(id);
                }
            }
        }
    }
}
