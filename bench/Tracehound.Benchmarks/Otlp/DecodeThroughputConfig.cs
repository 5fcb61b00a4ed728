using BenchmarkDotNet.Configs;

namespace Tracehound.Benchmarks.Otlp;

/// <summary>Adds MB/s, spans/s and allocated B/span for the decode workload.</summary>
public class DecodeThroughputConfig : ManualConfig
{
    public DecodeThroughputConfig()
    {
        AddColumn(
            new DecodeThroughputColumn(DecodeThroughputColumn.Metric.MegabytesPerSecond),
            new DecodeThroughputColumn(DecodeThroughputColumn.Metric.SpansPerSecond),
            new DecodeThroughputColumn(DecodeThroughputColumn.Metric.AllocatedBytesPerSpan));
    }
}
