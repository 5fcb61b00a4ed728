namespace Tracehound.Storage;

/// <summary>One flush: periods whose rows are replaced (rollups being rewritten), and the rows to append.</summary>
public sealed record StatsWrite
{
    public IReadOnlyList<StatsPeriod> Replace { get; init; } = [];

    public IReadOnlyList<StatsRow> Rows { get; init; } = [];
}

/// <summary>The rows of one resolution for one bucket start.</summary>
public readonly record struct StatsPeriod(long BucketDurationNanos, long StartUnixNano);
