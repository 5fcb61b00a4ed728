using Tracehound.Model;
using Tracehound.Pipeline;

namespace Tracehound.Processing.Stats;

/// <summary>
/// The trace agent's concentrator (spec §6) as a pipeline step that only observes: every eligible span (top-level,
/// measured, or of kind server/client/producer/consumer) is counted into the 10 s bucket of its END time under its
/// aggregation key, weighted by 1 / the chunk root's <c>_sample_rate</c>. It runs before sampling, so figures cover
/// all traffic. Spans of tracers that compute their own stats (<c>Datadog-Client-Computed-Stats</c>) are skipped;
/// their <c>/v0.6/stats</c> rows come in through <see cref="AddClientStats"/> instead, so nothing is counted twice.
/// <para>
/// Thread-safe: keys are read outside the lock, then one lock per accepted batch adds them. Buckets whose start is at
/// least two bucket lengths in the past are closed; <see cref="TakeClosed"/> hands them to the flusher, which
/// persists them and then calls <see cref="CompleteFlush"/>. Until then they stay visible to <see cref="Snapshot"/>,
/// and <see cref="Generation"/> (odd while a flush commits) lets a reader that combines a snapshot with the store
/// detect a flush that happened in between. Unlike the agent, a span older than the open buckets keeps its own
/// bucket: Tracehound is the backend, and rows of the same bucket flushed at different times merge on read.
/// </para>
/// </summary>
public sealed class StatsConcentrator : ISpanProcessor
{
    /// <summary>The agent's bucket size (<c>bucket_size</c>).</summary>
    public const long BucketNanos = 10_000_000_000;

    /// <summary>Flushed buckets waiting for a successful store write at most; beyond that the oldest are dropped.</summary>
    private const int MaxPendingBuckets = 8640;

    /// <summary>
    /// Open groups beyond which closed buckets should be flushed without waiting for the flusher's next tick:
    /// late or replayed spans open buckets far in the past, and each group holds two sketches, so memory is
    /// bounded by this rather than by how much old data arrives within one flush interval.
    /// </summary>
    private const int FlushSoonGroups = 5_000;

    /// <summary>Open buckets that live traffic keeps (the current one, the previous one, one more for skew).</summary>
    private const int LiveBuckets = 3;

    private readonly Lock _lock = new();
    private readonly SemaphoreSlim _flushSoon = new(0, 1);
    private readonly Dictionary<long, Dictionary<StatsKey, StatsGroup>> _open = [];
    private int _openGroups;
    private readonly List<StatsBucketSnapshot> _pending = [];
    private readonly TimeProvider _time;
    private long _generation;
    private long _droppedBuckets;

    public StatsConcentrator(TimeProvider? time = null)
    {
        _time = time ?? TimeProvider.System;
    }

    /// <summary>Even when no flush is committing; changes around every commit.</summary>
    public long Generation => Volatile.Read(ref _generation);

    /// <summary>
    /// Completes once many groups are open in buckets that are not live (late or replayed data): the flusher then
    /// flushes at once instead of at its next tick. One waiter at a time.
    /// </summary>
    public Task WaitUntilFlushNeededAsync(CancellationToken cancellationToken) => _flushSoon.WaitAsync(cancellationToken);

    /// <summary>Buckets dropped because the store kept failing (see <see cref="MaxPendingBuckets"/>).</summary>
    public long DroppedBuckets => Interlocked.Read(ref _droppedBuckets);

    /// <summary>
    /// Reads the batch's eligible spans now (before sampling removes any) and counts them once the batch is
    /// accepted (<see cref="SpanBatch.WhenAccepted"/>): a batch refused with 429/503 is sent again by the client
    /// and must not be counted twice.
    /// </summary>
    public void Process(SpanBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        Dictionary<ulong, double>? rootRates = null;
        foreach (var span in batch.Spans)
        {
            // Weights come from the chunk root; roots are few, so only they are searched for _sample_rate.
            if (span.ParentSpanId.IsEmpty && span.Datadog is { } root && StatsSpanReader.SampleRate(span, root) is var rate && rate != 1)
            {
                (rootRates ??= [])[span.TraceId.Low] = rate;
            }
        }

        List<SpanEntry>? entries = null;
        foreach (var span in batch.Spans)
        {
            if (span.Datadog is not { } info || info.Payload.ClientComputedStats || !StatsSpanReader.TryRead(span, info, out var key))
            {
                continue;
            }

            var weight = rootRates is not null && rootRates.TryGetValue(span.TraceId.Low, out var rate) ? 1 / rate : 1;
            (entries ??= new List<SpanEntry>(batch.Count)).Add(new SpanEntry(key, BucketStart(span.EndTimeUnixNano), span.DurationNanos, weight, info.Error != 0, info.TopLevel));
        }

        if (entries is not null)
        {
            batch.WhenAccepted(() => Add(entries));
        }
    }

    private void Add(List<SpanEntry> entries)
    {
        lock (_lock)
        {
            long lastStart = long.MinValue;
            Dictionary<StatsKey, StatsGroup>? bucket = null;
            foreach (var entry in entries)
            {
                if (entry.BucketStart != lastStart)
                {
                    bucket = OpenBucket(entry.BucketStart);
                    lastStart = entry.BucketStart;
                }

                if (!bucket!.TryGetValue(entry.Key, out var group))
                {
                    group = new StatsGroup();
                    bucket.Add(entry.Key, group);
                    _openGroups++;
                }

                group.AddSpan(entry.Duration, entry.Weight, entry.Error, entry.TopLevel);
            }

            if (_openGroups >= FlushSoonGroups && _open.Count > LiveBuckets && _flushSoon.CurrentCount == 0)
            {
                _flushSoon.Release();
            }
        }
    }

    /// <summary>
    /// Merges a tracer's client-computed stats. Sketches of another accuracy are rebinned into the 1 % ones; an
    /// undecodable sketch is left out (its counts still count).
    /// </summary>
    public void AddClientStats(IEnumerable<ClientStatsRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var decoded = new List<(ClientStatsRow Row, DDSketch? Ok, DDSketch? Error)>();
        foreach (var row in rows)
        {
            decoded.Add((row, TryDecode(row.OkSummary), TryDecode(row.ErrorSummary)));
        }

        lock (_lock)
        {
            foreach (var (row, ok, error) in decoded)
            {
                var bucket = OpenBucket(BucketStart(row.BucketStartUnixNano));
                if (!bucket.TryGetValue(row.Key, out var group))
                {
                    group = new StatsGroup();
                    bucket.Add(row.Key, group);
                    _openGroups++;
                }

                group.AddAggregate(row.Hits, row.Errors, row.TopLevelHits, row.Duration, ok, error);
            }
        }
    }

    /// <summary>
    /// Closes the buckets that start at least two bucket lengths before now (all of them when
    /// <paramref name="all"/>, at shutdown) and returns every bucket waiting to be persisted, oldest first.
    /// </summary>
    public IReadOnlyList<StatsBucketSnapshot> TakeClosed(bool all = false)
    {
        var cutoff = BucketStart(_time.GetUtcNow().ToUnixTimeMilliseconds() * 1_000_000) - BucketNanos;
        lock (_lock)
        {
            foreach (var start in _open.Keys.Where(s => all || s < cutoff).Order().ToList())
            {
                _pending.Add(new StatsBucketSnapshot(start, BucketNanos, [.. _open[start]]));
                _openGroups -= _open[start].Count;
                _open.Remove(start);
            }

            if (_pending.Count > MaxPendingBuckets)
            {
                var excess = _pending.Count - MaxPendingBuckets;
                _pending.RemoveRange(0, excess);
                Interlocked.Add(ref _droppedBuckets, excess);
            }

            return [.. _pending];
        }
    }

    /// <summary>Marks the start of a store commit of taken buckets (readers retry until <see cref="CompleteFlush"/>).</summary>
    public void BeginFlush() => Interlocked.Increment(ref _generation);

    /// <summary>Ends a commit: when it succeeded, the buckets leave the concentrator (they are in the store now).</summary>
    public void CompleteFlush(IReadOnlyList<StatsBucketSnapshot> flushed, bool committed)
    {
        ArgumentNullException.ThrowIfNull(flushed);
        lock (_lock)
        {
            if (committed)
            {
                var done = new HashSet<StatsBucketSnapshot>(flushed, ReferenceEqualityComparer.Instance);
                _pending.RemoveAll(done.Contains);
            }

            Interlocked.Increment(ref _generation);
        }
    }

    /// <summary>Copies of the not-yet-persisted buckets that start in [from, to), for queries.</summary>
    public IReadOnlyList<StatsBucketSnapshot> Snapshot(long fromUnixNano, long toUnixNano)
    {
        lock (_lock)
        {
            var copies = new List<StatsBucketSnapshot>();
            foreach (var bucket in _pending)
            {
                if (bucket.StartUnixNano >= fromUnixNano && bucket.StartUnixNano < toUnixNano)
                {
                    copies.Add(new StatsBucketSnapshot(bucket.StartUnixNano, bucket.DurationNanos,
                        [.. bucket.Groups.Select(g => KeyValuePair.Create(g.Key, g.Value.Copy()))]));
                }
            }

            foreach (var (start, groups) in _open)
            {
                if (start >= fromUnixNano && start < toUnixNano)
                {
                    copies.Add(new StatsBucketSnapshot(start, BucketNanos, [.. groups.Select(g => KeyValuePair.Create(g.Key, g.Value.Copy()))]));
                }
            }

            return copies;
        }
    }

    public static long BucketStart(long unixNano) => unixNano - (((unixNano % BucketNanos) + BucketNanos) % BucketNanos);

    private Dictionary<StatsKey, StatsGroup> OpenBucket(long start)
    {
        if (!_open.TryGetValue(start, out var bucket))
        {
            bucket = [];
            _open.Add(start, bucket);
        }

        return bucket;
    }

    private static DDSketch? TryDecode(byte[] bytes)
    {
        if (bytes.Length == 0)
        {
            return null;
        }

        try
        {
            return DDSketchCodec.Decode(bytes);
        }
        catch (InvalidDataException)
        {
            return null;
        }
    }

    private readonly record struct SpanEntry(StatsKey Key, long BucketStart, long Duration, double Weight, bool Error, bool TopLevel);
}
