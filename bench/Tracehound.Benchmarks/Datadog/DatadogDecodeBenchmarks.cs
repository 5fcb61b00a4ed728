using System.Buffers;
using BenchmarkDotNet.Attributes;
using Tracehound.Ingest.Datadog;
using Tracehound.Model;

namespace Tracehound.Benchmarks.Datadog;

/// <summary>
/// Decoding Datadog trace payloads into the model: the real dd-trace-js 5.132.0 fixtures
/// (tests/testdata/fixtures: v0.4 10,536 B and v0.5 5,931 B, 14 spans each), and a realistic
/// 512-span batch of the reference workload (50 services, 5-20 spans per trace, ~10 attributes
/// plus the tracer's own tags per span; see <see cref="DatadogWorkloadEncoder"/>) as v0.4 and v0.5,
/// where per-request setup weighs as it does in production. MB/s = payload bytes / mean time.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(DatadogThroughputConfig))]
public class DatadogDecodeBenchmarks
{
    private static readonly DatadogPayloadInfo Payload = new() { Endpoint = "v0.4", LanguageName = "nodejs", TracerVersion = "5.132.0" };
    private byte[] _fixtureV04 = [];
    private byte[] _fixtureV05 = [];
    private byte[] _workloadV04 = [];
    private byte[] _workloadV05 = [];

    [GlobalSetup]
    public void Setup()
    {
        _fixtureV04 = Check(nameof(FixtureV04), DatadogTraceDecoder.DecodeV04);
        _fixtureV05 = Check(nameof(FixtureV05), DatadogTraceDecoder.DecodeV05);
        _workloadV04 = Check(nameof(WorkloadV04), DatadogTraceDecoder.DecodeV04);
        _workloadV05 = Check(nameof(WorkloadV05), DatadogTraceDecoder.DecodeV05);
    }

    [Benchmark(Description = "v0.4 fixture (10,536 B, 14 spans)")]
    public int FixtureV04() => DatadogTraceDecoder.DecodeV04(new ReadOnlySequence<byte>(_fixtureV04), Payload).Count;

    [Benchmark(Description = "v0.5 fixture (5,931 B, 14 spans)")]
    public int FixtureV05() => DatadogTraceDecoder.DecodeV05(new ReadOnlySequence<byte>(_fixtureV05), Payload).Count;

    [Benchmark(Description = "v0.4 workload (512 spans)")]
    public int WorkloadV04() => DatadogTraceDecoder.DecodeV04(new ReadOnlySequence<byte>(_workloadV04), Payload).Count;

    [Benchmark(Description = "v0.5 workload (512 spans)")]
    public int WorkloadV05() => DatadogTraceDecoder.DecodeV05(new ReadOnlySequence<byte>(_workloadV05), Payload).Count;

    private static byte[] Check(string method, Func<ReadOnlySequence<byte>, DatadogPayloadInfo, SpanBatch> decode)
    {
        var payload = DatadogDecodeInputs.Payload(method);
        var decoded = decode(new ReadOnlySequence<byte>(payload), Payload).Count;
        if (decoded != DatadogDecodeInputs.SpanCount(method))
        {
            throw new InvalidOperationException($"{method} decoded to {decoded} spans, not {DatadogDecodeInputs.SpanCount(method)}");
        }

        return payload;
    }
}
