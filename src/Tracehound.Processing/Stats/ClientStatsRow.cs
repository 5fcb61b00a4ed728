namespace Tracehound.Processing.Stats;

/// <summary>One grouped row of a tracer's client-computed stats (<c>/v0.6/stats</c>), ready for the concentrator.</summary>
public sealed class ClientStatsRow
{
    public required long BucketStartUnixNano { get; init; }

    public required StatsKey Key { get; init; }

    public double Hits { get; init; }

    public double Errors { get; init; }

    public double TopLevelHits { get; init; }

    public double Duration { get; init; }

    /// <summary>Protobuf DDSketch of the ok durations as the tracer sent it (any accuracy); empty when none.</summary>
    public byte[] OkSummary { get; init; } = [];

    public byte[] ErrorSummary { get; init; } = [];
}
