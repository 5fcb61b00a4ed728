using Microsoft.Extensions.Logging;
using Tracehound.Processing.Stats;
using Tracehound.Storage;

namespace Tracehound.Query.Stats;

/// <summary>
/// Every 10 s, persists the concentrator's closed buckets (all of them at shutdown) in one store transaction,
/// together with the 5 min and 1 h rollups of the periods they fall in. A rollup row is the merge of every 10 s
/// row of its period; the flusher keeps the merged figures of recent periods in memory and rewrites the touched
/// periods' rollup rows (the store replaces them), loading a period's stored 10 s rows the first time it is seen
/// (after a restart, or a late bucket). A failed write keeps the buckets for the next flush and forgets the
/// in-memory rollups, which may hold uncommitted figures.
/// </summary>
public sealed partial class StatsFlusher : IAsyncDisposable
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(10);

    /// <summary>Periods kept in memory per rollup resolution (the current and the previous one are the usual).</summary>
    private const int CachedPeriods = 3;

    private readonly StatsConcentrator _concentrator;
    private readonly IStatsStore _store;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Dictionary<(long Resolution, long Start), Dictionary<StatsKey, StatsGroup>> _rollups = [];
    private readonly CancellationTokenSource _stop = new();
    private Task? _loop;

    public StatsFlusher(StatsConcentrator concentrator, IStatsStore store, ILogger logger)
    {
        _concentrator = concentrator;
        _store = store;
        _logger = logger;
    }

    public void Start() => _loop = RunAsync(_stop.Token);

    /// <summary>Persists closed buckets (every bucket when <paramref name="all"/>); false when the store write failed.</summary>
    public async Task<bool> FlushAsync(bool all, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var buckets = _concentrator.TakeClosed(all);
            if (buckets.Count == 0)
            {
                return true;
            }

            var committed = false;
            _concentrator.BeginFlush();
            try
            {
                var write = await PrepareAsync(buckets, cancellationToken).ConfigureAwait(false);
                await _store.WriteStatsAsync(write, cancellationToken).ConfigureAwait(false);
                committed = true;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                _rollups.Clear();
                Log.FlushFailed(_logger, buckets.Count, ex);
            }
            finally
            {
                _concentrator.CompleteFlush(buckets, committed);
            }

            return committed;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Stops the timer and flushes everything (call after the listeners stopped, before the store closes).</summary>
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        if (_loop is not null)
        {
            try
            {
                await _loop.ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // stopping
            }
        }

        await FlushAsync(all: true, CancellationToken.None).ConfigureAwait(false);
        _stop.Dispose();
        _gate.Dispose();
    }

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        // Every interval, and at once when the concentrator holds many groups of old buckets (late or
        // replayed data), so its memory stays bounded between ticks.
        using var timer = new PeriodicTimer(Interval);
        var tick = timer.WaitForNextTickAsync(cancellationToken).AsTask();
        var flushNeeded = _concentrator.WaitUntilFlushNeededAsync(cancellationToken);
        while (true)
        {
            var woken = await Task.WhenAny(tick, flushNeeded).ConfigureAwait(false);
            if (woken == tick)
            {
                if (!await tick.ConfigureAwait(false))
                {
                    return;
                }

                tick = timer.WaitForNextTickAsync(cancellationToken).AsTask();
            }
            else
            {
                await flushNeeded.ConfigureAwait(false);
                flushNeeded = _concentrator.WaitUntilFlushNeededAsync(cancellationToken);
            }

            await FlushAsync(all: false, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<StatsWrite> PrepareAsync(IReadOnlyList<StatsBucketSnapshot> buckets, CancellationToken cancellationToken)
    {
        var rows = new List<StatsRow>();
        var touched = new HashSet<(long Resolution, long Start)>();
        foreach (var bucket in buckets)
        {
            foreach (var (key, group) in bucket.Groups)
            {
                rows.Add(StatsRowConverter.ToRow(bucket.StartUnixNano, bucket.DurationNanos, key, group));
            }

            foreach (var resolution in StatsResolution.Rollups)
            {
                var period = (resolution, StatsResolution.FloorTo(bucket.StartUnixNano, resolution));
                var merged = await RollupAsync(period, cancellationToken).ConfigureAwait(false);
                foreach (var (key, group) in bucket.Groups)
                {
                    if (!merged.TryGetValue(key, out var target))
                    {
                        merged.Add(key, target = new StatsGroup());
                    }

                    target.Merge(group);
                }

                touched.Add(period);
            }
        }

        foreach (var period in touched)
        {
            foreach (var (key, group) in _rollups[period])
            {
                rows.Add(StatsRowConverter.ToRow(period.Start, period.Resolution, key, group));
            }
        }

        Evict(touched);
        return new StatsWrite { Replace = [.. touched.Select(p => new StatsPeriod(p.Resolution, p.Start))], Rows = rows };
    }

    private async Task<Dictionary<StatsKey, StatsGroup>> RollupAsync((long Resolution, long Start) period, CancellationToken cancellationToken)
    {
        if (_rollups.TryGetValue(period, out var merged))
        {
            return merged;
        }

        merged = [];
        var stored = await _store.ReadStatsAsync(
            new StatsQuery { BucketDurationNanos = StatsResolution.Base, StartUnixNano = period.Start, EndUnixNano = period.Start + period.Resolution },
            cancellationToken).ConfigureAwait(false);
        foreach (var row in stored)
        {
            var key = StatsRowConverter.ToKey(row);
            if (!merged.TryGetValue(key, out var target))
            {
                merged.Add(key, target = new StatsGroup());
            }

            target.Merge(StatsRowConverter.ToGroup(row));
        }

        _rollups.Add(period, merged);
        return merged;
    }

    private void Evict(HashSet<(long Resolution, long Start)> touched)
    {
        foreach (var resolution in StatsResolution.Rollups)
        {
            var periods = _rollups.Keys.Where(k => k.Resolution == resolution).OrderByDescending(k => k.Start).ToList();
            foreach (var old in periods.Skip(CachedPeriods).Where(p => !touched.Contains(p)))
            {
                _rollups.Remove(old);
            }
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 400, Level = LogLevel.Error, Message = "Persisting {Buckets} stats buckets failed; they are kept for the next flush")]
        public static partial void FlushFailed(ILogger logger, int buckets, Exception exception);
    }
}
