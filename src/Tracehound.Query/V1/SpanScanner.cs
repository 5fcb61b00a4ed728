using Tracehound.Model;
using Tracehound.Storage;

namespace Tracehound.Query.V1;

/// <summary>
/// Reads the spans a search may match, newest first, page after page (keyset paging: each page
/// starts after the last span of the previous one), and hands every span that matches the whole
/// query to a callback, until the callback says stop or a scan cap is reached.
/// </summary>
internal static class SpanScanner
{
    /// <summary>What a scan looked at: spans read from the store, and whether it stopped at the cap.</summary>
    public readonly record struct Result(long Scanned, bool Capped);

    /// <param name="onMatch">Called for each matching span; returns false to stop.</param>
    public static async Task<Result> ScanAsync(
        ITraceStore store, SpanSearchRequest request, long maxScanned, int pageSize, Func<Span, bool> onMatch, CancellationToken cancellationToken)
    {
        var search = request.Search with { Limit = pageSize, Skip = 0 };
        long scanned = 0;
        while (true)
        {
            var want = (int)Math.Min(pageSize, maxScanned - scanned);
            if (want <= 0)
            {
                return new Result(scanned, Capped: true);
            }

            var page = await store.FindSpansAsync(search with { Limit = want }, cancellationToken).ConfigureAwait(false);
            foreach (var span in page)
            {
                scanned++;
                if (request.Matches(span) && !onMatch(span))
                {
                    return new Result(scanned, Capped: false);
                }
            }

            if (page.Count < want)
            {
                return new Result(scanned, Capped: false);
            }

            var last = page[^1];
            search = search with { After = new SpanSearchCursor(last.StartTimeUnixNano, last.SpanId.Value) };
        }
    }
}
