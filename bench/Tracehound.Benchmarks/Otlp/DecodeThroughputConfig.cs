using BenchmarkDotNet.Configs;

namespace Tracehound.Benchmarks.Otlp;

/// <summary>Adds MB/s, spans/s and allocated B/span for the decode workload (every method decodes the same batch).</summary>
public class DecodeThroughputConfig : ManualConfig
{
    public DecodeThroughputConfig()
    {
        AddColumn(ThroughputColumn.All(_ => (DecodeWorkload.Payload.Length, DecodeWorkload.SpanCount)));
    }
}
