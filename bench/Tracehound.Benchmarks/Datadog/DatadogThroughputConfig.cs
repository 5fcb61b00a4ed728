using BenchmarkDotNet.Configs;

namespace Tracehound.Benchmarks.Datadog;

/// <summary>Adds MB/s, spans/s and allocated B/span for the Datadog decode inputs.</summary>
public class DatadogThroughputConfig : ManualConfig
{
    public DatadogThroughputConfig()
    {
        AddColumn(ThroughputColumn.All(method => DatadogDecodeInputs.Contains(method)
            ? (DatadogDecodeInputs.Payload(method).Length, DatadogDecodeInputs.SpanCount(method))
            : null));
    }
}
