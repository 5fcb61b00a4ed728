using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Logging.Abstractions;
using Tracehound.Model;
using Tracehound.Pipeline;
using Tracehound.Processing.Sampling;
using Tracehound.Processing.Sampling.Tail;

namespace Tracehound.Benchmarks.Sampling;

/// <summary>
/// Sampler cost per span on a batch of 1,000 spans (250 traces × 4 spans): OpenTelemetry traces
/// (no Datadog view) and Datadog chunks with priorities. Each invocation copies the span list
/// (the processor removes dropped spans in place); "copy only" measures that copy alone.
/// </summary>
[MemoryDiagnoser]
public class SamplingBenchmarks
{
    private const int Spans = 1000;
    private List<Span> _otel = [];
    private List<Span> _datadog = [];
    private SamplingProcessor _defaults = null!;
    private SamplingProcessor _percentage = null!;
    private SamplingProcessor _honor = null!;
    private TailSamplingExporter _tail = null!;
    private ulong _round;

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(1);
        var resource = new Resource([KeyValue.String("service.name", "checkout"), KeyValue.String("deployment.environment.name", "prod")]);
        for (var t = 0; t < Spans / 4; t++)
        {
            var traceId = new TraceId((ulong)random.NextInt64(), (ulong)random.NextInt64());
            var chunk = new DatadogChunkInfo { Priority = t % 2 };
            for (var s = 0; s < 4; s++)
            {
                _otel.Add(new Span
                {
                    TraceId = traceId,
                    SpanId = new SpanId((ulong)(s + 1)),
                    ParentSpanId = new SpanId((ulong)s),
                    Name = s == 0 ? "GET /cart" : "SELECT",
                    Kind = s == 0 ? SpanKind.Server : SpanKind.Client,
                    StatusCode = t % 10 == 0 && s == 0 ? StatusCode.Error : StatusCode.Unset,
                    StartTimeUnixNano = 1_000_000_000,
                    EndTimeUnixNano = 1_000_000_000 + (random.Next(1, 1000) * 1_000_000L),
                    Resource = resource,
                    Attributes = [KeyValue.Int("http.response.status_code", 200)],
                });
                _datadog.Add(new Span
                {
                    TraceId = new TraceId(0, traceId.Low),
                    SpanId = new SpanId((ulong)(s + 1)),
                    ParentSpanId = new SpanId((ulong)s),
                    Name = "web.request",
                    Resource = resource,
                    Attributes = [KeyValue.String("env", "prod"), KeyValue.String("http.status_code", "200")],
                    Datadog = new DatadogSpanInfo { Service = "checkout", Name = "web.request", Resource = "GET /cart", TopLevel = s == 0, Error = t % 10 == 0 && s == 0 ? 1 : 0, Chunk = chunk },
                });
            }
        }

        _defaults = new SamplingProcessor(new SamplingOptions(), TimeProvider.System);
        _percentage = new SamplingProcessor(new SamplingOptions { Percentage = 10 }, TimeProvider.System);
        _honor = new SamplingProcessor(new SamplingOptions { HonorPriority = true, RareEnabled = true }, TimeProvider.System);
        _tail = new TailSamplingExporter(new NullExporter(), new TailSamplingOptions
        {
            PoliciesJson = """[{"type":"status_code","status_code":{"status_codes":["ERROR"]}},{"type":"latency","latency":{"threshold_ms":500}},{"type":"probabilistic","probabilistic":{"sampling_percentage":10}}]""",
            DecisionWait = TimeSpan.Zero,
        }, TimeProvider.System, NullLogger.Instance);
    }

    [GlobalCleanup]
    public void Cleanup() => _tail.DisposeAsync().AsTask().GetAwaiter().GetResult();

    [Benchmark(Baseline = true, OperationsPerInvoke = Spans, Description = "copy only")]
    public int CopyOnly() => new SpanBatch([.. _otel]).Count;

    [Benchmark(OperationsPerInvoke = Spans, Description = "defaults (keep all), OTel")]
    public int Defaults() => Run(_defaults, _otel);

    [Benchmark(OperationsPerInvoke = Spans, Description = "percentage 10, OTel")]
    public int Percentage() => Run(_percentage, _otel);

    [Benchmark(OperationsPerInvoke = Spans, Description = "defaults, Datadog priorities")]
    public int DatadogDefaults() => Run(_defaults, _datadog);

    [Benchmark(OperationsPerInvoke = Spans, Description = "honor priority + errors + rare, Datadog")]
    public int DatadogHonor() => Run(_honor, _datadog);

    [Benchmark(OperationsPerInvoke = Spans, Description = "tail: buffer + decide (3 policies)")]
    public async Task<int> Tail()
    {
        // Fresh trace ids each time, so the spans are buffered and decided rather than found in the decision cache.
        _round++;
        foreach (var span in _otel)
        {
            span.TraceId = new TraceId(_round, span.TraceId.Low);
        }

        var batch = new SpanBatch([.. _otel]);
        await _tail.ExportAsync(batch, default);
        return await _tail.DecideDueAsync(default);
    }

    private static int Run(SamplingProcessor processor, List<Span> spans)
    {
        var batch = new SpanBatch([.. spans]);
        processor.Process(batch);
        return batch.Count;
    }

    private sealed class NullExporter : ISpanExporter
    {
        public string Name => "null";

        public ValueTask<ExportResult> ExportAsync(SpanBatch batch, CancellationToken cancellationToken) => ValueTask.FromResult(ExportResult.Success);
    }
}
