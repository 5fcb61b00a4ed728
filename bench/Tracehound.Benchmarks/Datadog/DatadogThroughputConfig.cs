using BenchmarkDotNet.Configs;

namespace Tracehound.Benchmarks.Datadog;

/// <summary>Adds MB/s, spans/s and allocated B/span for the Datadog decode inputs.</summary>
public class DatadogThroughputConfig : ManualConfig
{
    public DatadogThroughputConfig()
    {
        AddColumn(
            new DatadogThroughputColumn(DatadogThroughputColumn.Metric.MegabytesPerSecond),
            new DatadogThroughputColumn(DatadogThroughputColumn.Metric.SpansPerSecond),
            new DatadogThroughputColumn(DatadogThroughputColumn.Metric.AllocatedBytesPerSpan));
    }
}
