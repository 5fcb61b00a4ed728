using System.Buffers;
using System.IO.Compression;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Tracehound.Ingest.Datadog.Logs;

namespace Tracehound.Benchmarks.Logs;

/// <summary>
/// The Datadog log intake's decode (<c>POST /api/v2/logs</c>): 1000 logs from JSON to
/// <c>LogRecord</c>s, as sent (plain) and gzip-compressed (inflate + decode, what the endpoint does
/// for <c>tracehound logs ingest</c>). Single-threaded, so mean time per log × 1M = CPU-s per 1M logs.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(Throughput))]
public class DatadogLogDecodeBenchmarks
{
    private byte[] _plain = [];
    private byte[] _gzip = [];

    [GlobalSetup]
    public void Setup()
    {
        _plain = DatadogLogPayload.Bytes;
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest))
        {
            gzip.Write(_plain);
        }

        _gzip = output.ToArray();
        if (Plain() != DatadogLogPayload.Logs || Gzip() != DatadogLogPayload.Logs)
        {
            throw new InvalidOperationException("the payload did not decode to every log");
        }
    }

    [Benchmark(Description = "1000 logs, JSON")]
    public int Plain() => DatadogLogDecoder.Decode(new ReadOnlySequence<byte>(_plain), "team:core", 1).Count;

    [Benchmark(Description = "1000 logs, gzip JSON")]
    public int Gzip()
    {
        using var inflated = Tracehound.Ingest.Http.RequestBody.Decompress(new ReadOnlySequence<byte>(_gzip), "gzip", DatadogLogLimits.MaxPayloadBytes);
        return DatadogLogDecoder.Decode(new ReadOnlySequence<byte>(inflated.Memory), "team:core", 1).Count;
    }

    private sealed class Throughput : ManualConfig
    {
        public Throughput()
        {
            AddColumn(ThroughputColumn.All(method => method is nameof(Plain) or nameof(Gzip)
                ? (DatadogLogPayload.Bytes.Length, DatadogLogPayload.Logs)
                : null));
        }
    }
}
