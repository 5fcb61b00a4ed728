namespace Tracehound.Ingest.Datadog.Stats;

/// <summary>A tracer's client-computed stats (<c>/v0.6/stats</c>, msgpack ClientStatsPayload, PascalCase keys).</summary>
public sealed class DatadogClientStatsPayload
{
    public string Hostname { get; set; } = string.Empty;
    public string Env { get; set; } = string.Empty;
    public string Version { get; set; } = string.Empty;
    public List<DatadogClientStatsBucket> Stats { get; } = [];
    public string Lang { get; set; } = string.Empty;
    public string TracerVersion { get; set; } = string.Empty;
    public string RuntimeId { get; set; } = string.Empty;
    public ulong Sequence { get; set; }
    public string AgentAggregation { get; set; } = string.Empty;
    public string Service { get; set; } = string.Empty;
    public string ContainerId { get; set; } = string.Empty;
    public List<string> Tags { get; } = [];
    public string GitCommitSha { get; set; } = string.Empty;
    public string ImageTag { get; set; } = string.Empty;
    public ulong ProcessTagsHash { get; set; }
    public string ProcessTags { get; set; } = string.Empty;

    /// <summary>When Tracehound received it (Unix ns).</summary>
    public long ReceivedUnixNano { get; set; }
}
