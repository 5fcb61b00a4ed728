namespace Tracehound.Ingest.Datadog.Stats;

/// <summary>One aggregation row of client stats (ClientGroupedStats).</summary>
public sealed class DatadogClientGroupedStats
{
    public string Service { get; set; } = string.Empty;
    public string Name { get; set; } = string.Empty;
    public string Resource { get; set; } = string.Empty;
    public uint HttpStatusCode { get; set; }
    public string Type { get; set; } = string.Empty;
    public string DbType { get; set; } = string.Empty;
    public ulong Hits { get; set; }
    public ulong Errors { get; set; }
    public ulong Duration { get; set; }

    /// <summary>Protobuf DDSketch of the non-error durations, as sent.</summary>
    public byte[] OkSummary { get; set; } = [];

    /// <summary>Protobuf DDSketch of the error durations, as sent.</summary>
    public byte[] ErrorSummary { get; set; } = [];
    public bool Synthetics { get; set; }
    public ulong TopLevelHits { get; set; }
    public string SpanKind { get; set; } = string.Empty;
    public List<string> PeerTags { get; } = [];

    /// <summary>0 not set, 1 true, 2 false.</summary>
    public int IsTraceRoot { get; set; }
    public string GrpcStatusCode { get; set; } = string.Empty;
    public string HttpMethod { get; set; } = string.Empty;
    public string HttpEndpoint { get; set; } = string.Empty;
    public string ServiceSource { get; set; } = string.Empty;
    public List<string> AdditionalMetricTags { get; } = [];
}
