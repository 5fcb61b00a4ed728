namespace Tracehound.Ingest.Datadog.Stats;

/// <summary>One time bucket of client stats.</summary>
public sealed class DatadogClientStatsBucket
{
    public ulong Start { get; set; }
    public ulong Duration { get; set; }
    public List<DatadogClientGroupedStats> Stats { get; } = [];
    public long AgentTimeShift { get; set; }
}
