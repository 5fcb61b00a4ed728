using BenchmarkDotNet.Attributes;
using Tracehound.Ingest.Zipkin;

namespace Tracehound.Benchmarks.Zipkin;

/// <summary>
/// Decoding the real Zipkin v2 JSON payloads (tests/testdata/fixtures: zipkin-js 0.22.0, 3,926 B,
/// and the OpenTelemetry JS Zipkin exporter, 4,925 B; 10 spans each) into the model, mapping included.
/// spans/s = 10 / mean; MB/s = payload bytes / mean.
/// </summary>
[MemoryDiagnoser]
public class ZipkinDecodeBenchmarks
{
    private byte[] _zipkinJs = [];
    private byte[] _otelExporter = [];

    [GlobalSetup]
    public void Setup()
    {
        _zipkinJs = Load("zipkin-js-v2");
        _otelExporter = Load("otel-js-traces-zipkin");
        if (DecodeZipkinJs() != 10 || DecodeOtelExporter() != 10)
        {
            throw new InvalidOperationException("the fixtures did not decode to 10 spans");
        }
    }

    [Benchmark(Description = "zipkin-js JSON v2 (3,926 B, 10 spans)")]
    public int DecodeZipkinJs() => ZipkinJsonV2Decoder.Decode(_zipkinJs, ZipkinSpanMapper.ForNow()).Count;

    [Benchmark(Description = "OTel exporter JSON v2 (4,925 B, 10 spans)")]
    public int DecodeOtelExporter() => ZipkinJsonV2Decoder.Decode(_otelExporter, ZipkinSpanMapper.ForNow()).Count;

    internal static byte[] Load(string label)
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
