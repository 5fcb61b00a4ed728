using BenchmarkDotNet.Attributes;
using Tracehound.Benchmarks.Zipkin;
using Tracehound.Ingest.Jaeger;
using Tracehound.Ingest.Jaeger.Thrift;
using Tracehound.Ingest.Jaeger.Udp;

namespace Tracehound.Benchmarks.Jaeger;

/// <summary>
/// Decoding the real jaeger-client 3.19.0 payload (tests/testdata/fixtures/jaeger-client-thrift-http:
/// a Thrift binary Batch of 5,985 B, 8 spans) as the HTTP body and as the UDP agent datagram
/// (emitBatch around the same Batch). spans/s = 8 / mean; MB/s = payload bytes / mean.
/// </summary>
[MemoryDiagnoser]
public class JaegerDecodeBenchmarks
{
    private byte[] _batch = [];
    private byte[] _datagram = [];

    [GlobalSetup]
    public void Setup()
    {
        _batch = ZipkinDecodeBenchmarks.Load("jaeger-client-thrift-http");
        byte[] header = [0x80, 0x01, 0x00, 0x04, 0, 0, 0, 9, .. "emitBatch"u8, 0, 0, 0, 1, 12, 0, 1];
        _datagram = [.. header, .. _batch, 0];
        if (DecodeHttpBatch() != 8 || DecodeUdpDatagram() != 8)
        {
            throw new InvalidOperationException("the fixture did not decode to 8 spans");
        }
    }

    [Benchmark(Description = "Thrift binary Batch, HTTP (5,985 B, 8 spans)")]
    public int DecodeHttpBatch() => JaegerThriftDecoder.DecodeBatch(new ThriftBinaryReader(_batch, 0, _batch.Length)).Count;

    [Benchmark(Description = "Thrift binary emitBatch, UDP (6,007 B, 8 spans)")]
    public int DecodeUdpDatagram() => JaegerUdpListener.Decode(JaegerAgentProtocol.Binary, _datagram, 0, _datagram.Length).Count;
}
