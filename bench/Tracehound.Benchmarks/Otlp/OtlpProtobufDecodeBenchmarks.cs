using System.Buffers;
using BenchmarkDotNet.Attributes;
using Tracehound.Ingest.Otlp.Protobuf;

namespace Tracehound.Benchmarks.Otlp;

/// <summary>
/// Decoding one 512-span OTLP protobuf batch (~280 KB): our decoder (with and without its string
/// caches), the Google.Protobuf CodedInputStream walk of the same structure, and the floor of
/// reading every byte once. MB/s, spans/s and B/span come from <see cref="ThroughputColumn"/>.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(DecodeThroughputConfig))]
public class OtlpProtobufDecodeBenchmarks
{
    private readonly OtlpTraceMessageDecoder _uncachedDecoder = new(names: null, values: null);
    private byte[] _payload = [];

    [GlobalSetup]
    public void Setup()
    {
        _payload = DecodeWorkload.Payload;

        // Refuse to measure a decoder that does not decode the workload right.
        var batch = OtlpProtobufTraceDecoder.Decode(new ReadOnlySequence<byte>(_payload));
        var expected = DecodeWorkload.Spans;
        if (batch.Count != expected.Count || batch.RejectedSpans != 0)
        {
            throw new InvalidOperationException($"decoded {batch.Count} spans, expected {expected.Count}");
        }

        // The encoder groups spans by resource and scope, so match them by id, not position.
        var decoded = batch.Spans.ToDictionary(s => s.SpanId);
        for (var i = 0; i < expected.Count; i++)
        {
            var e = expected[i];
            if (!decoded.TryGetValue(e.SpanId, out var a) || e.TraceId != a.TraceId || e.ParentSpanId != a.ParentSpanId || e.Name != a.Name || e.EndTimeUnixNano != a.EndTimeUnixNano
                || !e.Attributes.AsSpan().SequenceEqual(a.Attributes) || e.Events.Length != a.Events.Length
                || e.Resource.ServiceName != a.Resource.ServiceName || e.StatusCode != a.StatusCode)
            {
                throw new InvalidOperationException($"span {i} decoded differently from what was encoded");
            }
        }

        if (CodedInputStreamWalker.WalkRequest(_payload) == 0)
        {
            throw new InvalidOperationException("the CodedInputStream walk read nothing");
        }
    }

    [Benchmark(Baseline = true, Description = "CodedInputStream walk")]
    public long CodedInputStreamWalk() => CodedInputStreamWalker.WalkRequest(_payload);

    [Benchmark(Description = "Tracehound decoder")]
    public int TracehoundDecoder() => OtlpProtobufTraceDecoder.Decode(new ReadOnlySequence<byte>(_payload)).Count;

    [Benchmark(Description = "Tracehound decoder, no string cache")]
    public int TracehoundDecoderWithoutStringCache() =>
        OtlpProtobufTraceDecoder.Decode(new ReadOnlySequence<byte>(_payload), _uncachedDecoder).Count;

    /// <summary>The limit for any byte-at-a-time parser: load every byte once (scalar) and add it up.</summary>
    [Benchmark(Description = "touch every byte")]
    public int TouchEveryByte()
    {
        var sum = 0;
        foreach (var b in _payload)
        {
            sum += b;
        }

        return sum;
    }
}
