using System.Buffers;
using BenchmarkDotNet.Attributes;
using Tracehound.Benchmarks.Otlp;
using Tracehound.Ingest.Otlp.Protobuf;
using Tracehound.Pipeline;
using Tracehound.Processing.Normalization;
using Tracehound.Processing.Semantics;

namespace Tracehound.Benchmarks.Pipeline;

/// <summary>
/// The processors every span goes through (OTLP → Datadog semantics, normalization, top-level), on
/// one decoded 512-span OTLP batch of the reference workload. Processors change spans in place, so
/// each operation decodes a fresh batch: the processors' cost is the difference to decode alone.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(DecodeThroughputConfig))]
public class PipelineBenchmarks
{
    private readonly ISpanProcessor[] _processors =
    [
        new OtlpToDatadogProcessor(new DatadogSemanticsOptions()),
        new DatadogNormalizationProcessor(),
        new TopLevelProcessor(),
    ];

    private byte[] _payload = [];

    [GlobalSetup]
    public void Setup() => _payload = DecodeWorkload.Payload;

    [Benchmark(Baseline = true, Description = "decode")]
    public int Decode() => OtlpProtobufTraceDecoder.Decode(new ReadOnlySequence<byte>(_payload)).Count;

    [Benchmark(Description = "decode + processors")]
    public int DecodeAndProcess()
    {
        var batch = OtlpProtobufTraceDecoder.Decode(new ReadOnlySequence<byte>(_payload));
        foreach (var processor in _processors)
        {
            processor.Process(batch);
        }

        return batch.Count;
    }
}
