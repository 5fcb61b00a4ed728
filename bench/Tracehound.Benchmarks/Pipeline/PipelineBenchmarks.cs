using System.Buffers;
using BenchmarkDotNet.Attributes;
using Tracehound.Benchmarks.Otlp;
using Tracehound.Ingest.Otlp.Protobuf;
using Tracehound.Model;
using Tracehound.Pipeline;
using Tracehound.Processing.Normalization;
using Tracehound.Processing.Semantics;

namespace Tracehound.Benchmarks.Pipeline;

/// <summary>
/// The processors that give every span its Datadog view, on one decoded 512-span OTLP batch of the
/// reference workload: the full view (meta and metrics, as the query side derives it) and the lean
/// view the ingest pipeline derives (span fields only; tags read on demand), alone and with the tag
/// reads a stats concentrator does per span. Processors change spans in place, so each operation
/// decodes a fresh batch: a processor's cost is the difference to decode alone.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(DecodeThroughputConfig))]
public class PipelineBenchmarks
{
    /// <summary>What a concentrator reads of each span besides the view's fields (spec §6 aggregation key, weight).</summary>
    private static readonly string[] s_statsMetaKeys = ["span.kind", "http.method", "http.route", "http.endpoint", "rpc.grpc.status_code", "peer.service", "db.system", "_dd.base_service"];

    private readonly ISpanProcessor[] _fullView =
    [
        new OtlpToDatadogProcessor(new DatadogSemanticsOptions()),
        new DatadogNormalizationProcessor(),
        new TopLevelProcessor(),
    ];

    private readonly ISpanProcessor[] _ingestView =
    [
        OtlpToDatadogProcessor.ForIngest(new DatadogSemanticsOptions()),
        new TopLevelProcessor(),
    ];

    private byte[] _payload = [];

    [GlobalSetup]
    public void Setup() => _payload = DecodeWorkload.Payload;

    [Benchmark(Baseline = true, Description = "decode")]
    public int Decode() => OtlpProtobufTraceDecoder.Decode(new ReadOnlySequence<byte>(_payload)).Count;

    [Benchmark(Description = "decode + full view (query side)")]
    public int DecodeAndFullView() => Run(_fullView).Count;

    [Benchmark(Description = "decode + ingest view")]
    public int DecodeAndIngestView() => Run(_ingestView).Count;

    [Benchmark(Description = "decode + ingest view + stats tag reads")]
    public int DecodeAndIngestViewAndTagReads()
    {
        var batch = Run(_ingestView);
        var found = 0;
        foreach (var span in batch.Spans)
        {
            var info = span.Datadog!;
            foreach (var key in s_statsMetaKeys)
            {
                found += DatadogTags.TryGetMeta(span, info, key, out _) ? 1 : 0;
            }

            found += DatadogTags.TryGetMetric(span, info, "http.status_code", out _) ? 1 : 0;
            found += DatadogTags.TryGetMetric(span, info, "_sample_rate", out _) ? 1 : 0;
        }

        return found;
    }

    private SpanBatch Run(ISpanProcessor[] processors)
    {
        var batch = OtlpProtobufTraceDecoder.Decode(new ReadOnlySequence<byte>(_payload));
        foreach (var processor in processors)
        {
            processor.Process(batch);
        }

        return batch;
    }
}
