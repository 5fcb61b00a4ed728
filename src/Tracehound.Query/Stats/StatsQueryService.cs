using Tracehound.Processing.Stats;
using Tracehound.Storage;

namespace Tracehound.Query.Stats;

/// <summary>
/// Answers stats queries over any range: stored rows (at the coarsest resolution that fits, see
/// <see cref="StatsResolution"/>) plus the concentrator's buckets not persisted yet, so figures show at once.
/// Sketches are merged per (point, group). A flush committing while the two are read would count a bucket
/// twice or not at all; the concentrator's <see cref="StatsConcentrator.Generation"/> detects it and the read
/// is done again.
/// </summary>
public sealed class StatsQueryService
{
    /// <summary>Points per series at most (as Prometheus caps a range query).</summary>
    public const int MaxPoints = 11_000;

    /// <summary>Above this many separate runs of one resolution, its whole span is read at once.</summary>
    private const int MaxReadsPerResolution = 16;

    private readonly IStatsStore _store;
    private readonly StatsConcentrator _concentrator;

    public StatsQueryService(IStatsStore store, StatsConcentrator concentrator)
    {
        _store = store;
        _concentrator = concentrator;
    }

    /// <summary>
    /// Figures per point and group: point i covers bucket starts in [from + i·step, from + (i+1)·step) ∩ [from, to).
    /// </summary>
    internal async Task<Dictionary<(int Point, TGroup Group), StatsAccumulator>> AggregateAsync<TGroup>(
        long from, long to, long step, string? service, string? resource, StatsSelector<TGroup> select, CancellationToken cancellationToken)
        where TGroup : notnull
    {
        if (to <= from)
        {
            return [];
        }

        for (var attempt = 0; ; attempt++)
        {
            var before = _concentrator.Generation;
            if ((before & 1) != 0 && attempt < 50)
            {
                await Task.Delay(2, cancellationToken).ConfigureAwait(false);
                continue;
            }

            var result = new Dictionary<(int Point, TGroup Group), StatsAccumulator>();
            foreach (var bucket in _concentrator.Snapshot(from, to))
            {
                var point = (int)((bucket.StartUnixNano - from) / step);
                foreach (var (key, group) in bucket.Groups)
                {
                    if ((service is null || key.Service == service) && (resource is null || key.Resource == resource)
                        && select(key, group.TopLevelHits, out var selected))
                    {
                        Accumulator(result, point, selected).Add(group);
                    }
                }
            }

            await ReadStoredAsync(result, from, to, step, service, resource, select, cancellationToken).ConfigureAwait(false);
            if (_concentrator.Generation == before || attempt >= 5)
            {
                return result;
            }
        }
    }

    private async Task ReadStoredAsync<TGroup>(
        Dictionary<(int Point, TGroup Group), StatsAccumulator> result, long from, long to, long step,
        string? service, string? resource, StatsSelector<TGroup> select, CancellationToken cancellationToken)
        where TGroup : notnull
    {
        var points = (int)((to - from + step - 1) / step);
        var segments = new List<(long Resolution, long Start, long End)>();
        for (var i = 0; i < points; i++)
        {
            var start = from + (i * step);
            StatsResolution.Plan(start, Math.Min(to, start + step), segments);
        }

        foreach (var resolution in segments.Select(s => s.Resolution).Distinct())
        {
            var runs = new List<(long Start, long End)>();
            foreach (var (r, s, e) in segments)
            {
                if (r != resolution)
                {
                    continue;
                }

                if (runs.Count > 0 && runs[^1].End == s)
                {
                    runs[^1] = (runs[^1].Start, e);
                }
                else
                {
                    runs.Add((s, e));
                }
            }

            // Segments of one resolution are in time order and disjoint; reading their whole span at once also
            // returns rows other resolutions cover, so each row is checked against its point's plan below.
            var reads = runs.Count > MaxReadsPerResolution ? [(runs[0].Start, runs[^1].End)] : runs;
            foreach (var (start, end) in reads)
            {
                var rows = await _store.ReadStatsAsync(
                    new StatsQuery { BucketDurationNanos = resolution, StartUnixNano = start, EndUnixNano = end, Service = service, Resource = resource },
                    cancellationToken).ConfigureAwait(false);
                foreach (var row in rows)
                {
                    if (reads != runs && !Covered(runs, row.BucketStartUnixNano))
                    {
                        continue;
                    }

                    var key = StatsRowConverter.ToKey(row);
                    if (select(key, row.TopLevelHits, out var selected))
                    {
                        var point = (int)((row.BucketStartUnixNano - from) / step);
                        Accumulator(result, point, selected).Add(StatsRowConverter.ToGroup(row));
                    }
                }
            }
        }
    }

    private static bool Covered(List<(long Start, long End)> runs, long start)
    {
        var lo = 0;
        var hi = runs.Count - 1;
        while (lo <= hi)
        {
            var mid = (lo + hi) / 2;
            if (start < runs[mid].Start)
            {
                hi = mid - 1;
            }
            else if (start >= runs[mid].End)
            {
                lo = mid + 1;
            }
            else
            {
                return true;
            }
        }

        return false;
    }

    private static StatsAccumulator Accumulator<TGroup>(Dictionary<(int Point, TGroup Group), StatsAccumulator> result, int point, TGroup group)
        where TGroup : notnull
    {
        if (!result.TryGetValue((point, group), out var accumulator))
        {
            accumulator = new StatsAccumulator();
            result.Add((point, group), accumulator);
        }

        return accumulator;
    }
}
