namespace Tracehound.Storage;

/// <summary>
/// One aggregation key's figures for one bucket, as stored: the key fields of the concentrator, weighted counts,
/// and the ok/error duration sketches as DDSketch protobuf bytes.
/// </summary>
public sealed record StatsRow
{
    public long BucketStartUnixNano { get; init; }

    /// <summary>The bucket length: 10 s for flushed buckets, longer for rollups.</summary>
    public long BucketDurationNanos { get; init; }

    public string Service { get; init; } = string.Empty;

    public string Name { get; init; } = string.Empty;

    public string Resource { get; init; } = string.Empty;

    public string Type { get; init; } = string.Empty;

    public string SpanKind { get; init; } = string.Empty;

    public uint HttpStatusCode { get; init; }

    public bool Synthetics { get; init; }

    /// <summary>0 not set, 1 true, 2 false.</summary>
    public byte IsTraceRoot { get; init; }

    public string PeerTags { get; init; } = string.Empty;

    public string GrpcStatusCode { get; init; } = string.Empty;

    public string HttpMethod { get; init; } = string.Empty;

    public string HttpEndpoint { get; init; } = string.Empty;

    public string ServiceSource { get; init; } = string.Empty;

    public string SpanName { get; init; } = string.Empty;

    public double Hits { get; init; }

    public double Errors { get; init; }

    public double TopLevelHits { get; init; }

    public double Duration { get; init; }

    public byte[] OkSketch { get; init; } = [];

    public byte[] ErrorSketch { get; init; } = [];
}
