namespace Tracehound.Processing.Stats;

/// <summary>One time bucket's groups, owned by the caller (copies when taken for a query, the originals when flushed).</summary>
public sealed class StatsBucketSnapshot(long startUnixNano, long durationNanos, IReadOnlyList<KeyValuePair<StatsKey, StatsGroup>> groups)
{
    public long StartUnixNano { get; } = startUnixNano;

    public long DurationNanos { get; } = durationNanos;

    public IReadOnlyList<KeyValuePair<StatsKey, StatsGroup>> Groups { get; } = groups;
}
