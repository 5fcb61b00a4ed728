namespace Tracehound.Storage;

/// <summary>
/// Persisted APM stats (the concentrator's flushed buckets and their rollups). Every backend that implements
/// <see cref="ITraceStore"/> implements this too; the storage contract suite runs against each.
/// </summary>
public interface IStatsStore
{
    /// <summary>
    /// In one transaction: deletes the rows of every period in <see cref="StatsWrite.Replace"/>, then appends
    /// <see cref="StatsWrite.Rows"/>. Rows are never merged by the store (sketches are opaque bytes to it); rows with
    /// the same bucket and key are added up by readers.
    /// </summary>
    Task WriteStatsAsync(StatsWrite write, CancellationToken cancellationToken);

    /// <summary>Rows of one resolution whose bucket starts in [start, end), optionally of one service and resource.</summary>
    Task<IReadOnlyList<StatsRow>> ReadStatsAsync(StatsQuery query, CancellationToken cancellationToken);
}
