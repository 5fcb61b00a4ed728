using Tracehound.Model;
using Tracehound.Storage;

namespace Tracehound.Query.V1;

/// <summary>
/// Reads the spans a search may match, newest first, and hands every span that matches the whole
/// query to a callback, until the callback says stop or a scan cap is reached.
/// </summary>
/// <remarks>
/// The store is read in time windows, newest first: a window is paged with a keyset cursor (each
/// page starts after the last span of the previous one), and when it runs dry the next, older window
/// is read, four times as long when the last one held less than a page. A bounded window lets the
/// store skip every row group outside it, so a page costs the rows of its window, not of the whole
/// table; the first window starts at <c>to</c> (or now) and empty windows cost almost nothing, so
/// reaching data far in the past takes a few extra queries at most. Pages double up to
/// <see cref="MaxPageGrowth"/> times the first page, so a long scan takes few queries.
/// </remarks>
internal static class SpanScanner
{
    private const long FirstWindowNanos = 10_000_000_000;
    private const int MaxPageGrowth = 8;

    /// <summary>What a scan looked at: spans read from the store, and whether it stopped at the cap.</summary>
    public readonly record struct Result(long Scanned, bool Capped);

    /// <param name="onMatch">Called for each matching span; returns false to stop.</param>
    public static async Task<Result> ScanAsync(
        ITraceStore store, SpanSearchRequest request, long maxScanned, int pageSize, Func<Span, bool> onMatch, CancellationToken cancellationToken)
    {
        var min = request.Search.StartTimeMinUnixNano;
        var max = request.Search.StartTimeMaxUnixNano;
        var window = FirstWindowNanos;
        var upper = max;
        var anchor = max == long.MaxValue ? Math.Min(max, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() * 1_000_000) : max;
        var lower = Math.Max(Minus(anchor, window), min);
        SpanSearchCursor? after = null;
        var page = pageSize;
        long scanned = 0;
        long inWindow = 0;
        while (true)
        {
            var want = (int)Math.Min(page, maxScanned - scanned);
            if (want <= 0)
            {
                return new Result(scanned, Capped: true);
            }

            var spans = await store.FindSpansAsync(
                request.Search with { StartTimeMinUnixNano = lower, StartTimeMaxUnixNano = upper, After = after, Limit = want, Skip = 0 },
                cancellationToken).ConfigureAwait(false);
            foreach (var span in spans)
            {
                scanned++;
                if (request.Matches(span) && !onMatch(span))
                {
                    return new Result(scanned, Capped: false);
                }
            }

            inWindow += spans.Count;
            if (spans.Count == want)
            {
                var last = spans[^1];
                after = new SpanSearchCursor(last.StartTimeUnixNano, last.SpanId.Value);
                page = Math.Min(page * 2, pageSize * MaxPageGrowth);
                continue;
            }

            if (lower <= min)
            {
                return new Result(scanned, Capped: false);
            }

            // The window is done: the next one ends just before it.
            if (inWindow < pageSize)
            {
                window = window > long.MaxValue / 4 ? long.MaxValue : window * 4;
            }

            upper = lower - 1;
            lower = Math.Max(Minus(upper, window), min);
            after = null;
            inWindow = 0;
        }
    }

    private static long Minus(long value, long amount) => value < long.MinValue + amount ? long.MinValue : value - amount;
}
