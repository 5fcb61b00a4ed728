namespace Tracehound.Storage;

/// <summary>Which stats rows to read: one resolution, bucket starts in [start, end), optional service / resource.</summary>
public sealed record StatsQuery
{
    public required long BucketDurationNanos { get; init; }

    public required long StartUnixNano { get; init; }

    public required long EndUnixNano { get; init; }

    public string? Service { get; init; }

    public string? Resource { get; init; }
}
