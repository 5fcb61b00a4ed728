namespace Tracehound.Query.Http;

/// <summary>
/// Collects the first <c>limit</c> items that pass a check the store cannot apply, reading the
/// store's newest-first result page by page up to a bound, so a query matching nothing costs a
/// bounded scan.
/// </summary>
internal static class PagedScan
{
    public const int PageSize = 500;

    public const int MaxScanned = 100_000;

    /// <param name="readPage">Reads the page that starts after skipping the given number of items.</param>
    public static async Task<List<T>> CollectAsync<T>(Func<long, Task<IReadOnlyList<T>>> readPage, Func<T, bool> matches, int limit)
    {
        var found = new List<T>();
        for (long skip = 0; skip < MaxScanned && found.Count < limit; skip += PageSize)
        {
            var page = await readPage(skip).ConfigureAwait(false);
            foreach (var item in page)
            {
                if (found.Count < limit && matches(item))
                {
                    found.Add(item);
                }
            }

            if (page.Count < PageSize)
            {
                break;
            }
        }

        return found;
    }
}
