using System.Buffers;
using BenchmarkDotNet.Attributes;
using Tracehound.Benchmarks.Otlp;
using Tracehound.Ingest.Otlp.Protobuf;
using Tracehound.Model;
using Tracehound.Processing.Normalization;
using Tracehound.Processing.Semantics;
using Tracehound.Processing.Stats;

namespace Tracehound.Benchmarks.Stats;

/// <summary>
/// The concentrator on one 512-span batch of the reference OTLP workload that already has its Datadog views
/// (semantics, normalization, top-level done once in setup). It only observes, so the same batch is counted again
/// each operation, into the same buckets: the steady state of a busy service. CPU-s per 1M spans = mean × 1e6 / 512.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(DecodeThroughputConfig))]
public class ConcentratorBenchmarks
{
    private readonly StatsConcentrator _concentrator = new();
    private SpanBatch _batch = new();

    [GlobalSetup]
    public void Setup()
    {
        _batch = OtlpProtobufTraceDecoder.Decode(new ReadOnlySequence<byte>(DecodeWorkload.Payload));
        // The views as the ingest pipeline leaves them (lean: tags read from the attributes).
        new DatadogNormalizationProcessor().Process(_batch);
        OtlpToDatadogProcessor.ForIngest(new DatadogSemanticsOptions()).Process(_batch);
        new TopLevelProcessor().Process(_batch);
    }

    [Benchmark(Description = "concentrator (512 spans)")]
    public int Process()
    {
        _concentrator.Process(_batch);
        _batch.MarkAccepted();
        return _batch.Count;
    }
}
