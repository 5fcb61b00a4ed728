using System.Buffers;
using BenchmarkDotNet.Attributes;
using Tracehound.Ingest.Datadog;
using Tracehound.Model;

namespace Tracehound.Benchmarks.Datadog;

/// <summary>
/// Decoding the real dd-trace 5.132.0 payloads (tests/testdata/fixtures: v0.4 10,536 B and v0.5
/// 5,931 B, 14 spans each). MB/s = payload bytes / mean time.
/// </summary>
[MemoryDiagnoser]
public class DatadogDecodeBenchmarks
{
    private static readonly DatadogPayloadInfo Payload = new() { Endpoint = "v0.4", LanguageName = "nodejs", TracerVersion = "5.132.0" };
    private byte[] _v04 = [];
    private byte[] _v05 = [];

    [GlobalSetup]
    public void Setup()
    {
        _v04 = Load("dd-trace-js-v0.4");
        _v05 = Load("dd-trace-js-v0.5");
        if (DatadogTraceDecoder.DecodeV04(new ReadOnlySequence<byte>(_v04), Payload).Count != 14
            || DatadogTraceDecoder.DecodeV05(new ReadOnlySequence<byte>(_v05), Payload).Count != 14)
        {
            throw new InvalidOperationException("the fixtures did not decode to 14 spans");
        }
    }

    [Benchmark(Description = "v0.4 msgpack (10,536 B, 14 spans)")]
    public int DecodeV04() => DatadogTraceDecoder.DecodeV04(new ReadOnlySequence<byte>(_v04), Payload).Count;

    [Benchmark(Description = "v0.5 msgpack (5,931 B, 14 spans)")]
    public int DecodeV05() => DatadogTraceDecoder.DecodeV05(new ReadOnlySequence<byte>(_v05), Payload).Count;

    private static byte[] Load(string label)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var path = Path.Combine(dir.FullName, "tests", "testdata", "fixtures", label, "001.bin");
            if (File.Exists(path))
            {
                return File.ReadAllBytes(path);
            }
        }

        throw new FileNotFoundException("fixture not found: " + label);
    }
}
