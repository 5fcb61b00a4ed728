using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Tracehound.Model;
using Tracehound.Query.Http;
using Tracehound.Query.Parsing;
using Tracehound.Query.V1;
using Tracehound.Storage;

namespace Tracehound.Query.Logs;

/// <summary>
/// <c>GET /api/v1/logs?query=&amp;from=&amp;to=&amp;limit=</c>: log records matching a log query
/// (<see cref="LogQueryParser"/>), newest first, as <c>{"logs":[...]}</c>. The store filters by
/// time and narrows by every term (exactly for service, status and trace; by the JSON text for
/// message and attribute terms); <see cref="LogQueryMatcher"/> re-checks each candidate, page by
/// page (<see cref="PagedScan"/>).
/// </summary>
internal static class LogSearchEndpoint
{
    private const int DefaultLimit = 50;
    private const int MaxLimit = 1000;

    public static async Task GetAsync(HttpContext context)
    {
        IReadOnlyList<LogQueryTerm> terms;
        LogSearch search;
        int limit;
        try
        {
            var query = context.Request.Query;
            terms = LogQueryParser.Parse(query["query"].FirstOrDefault());
            limit = SpanSearchRequest.ParseLimit(query["limit"].FirstOrDefault(), DefaultLimit, MaxLimit);
            search = new LogSearch
            {
                Terms = terms,
                TimeMinUnixNano = SpanSearchRequest.Millis(query["from"].FirstOrDefault(), "from") ?? long.MinValue,
                TimeMaxUnixNano = SpanSearchRequest.Millis(query["to"].FirstOrDefault(), "to") ?? long.MaxValue,
                Limit = PagedScan.PageSize,
            };
        }
        catch (QueryParameterException ex)
        {
            await SpanSearchRequest.WriteErrorAsync(context, ex).ConfigureAwait(false);
            return;
        }

        var store = Store(context);
        var found = await PagedScan.CollectAsync(
            skip => store.FindLogsAsync(search with { Skip = skip }, context.RequestAborted),
            record => LogQueryMatcher.Matches(record, terms),
            limit).ConfigureAwait(false);

        await WriteLogsAsync(context, found).ConfigureAwait(false);
    }

    internal static ILogStore Store(HttpContext context) => context.RequestServices.GetRequiredService<ILogStore>();

    internal static async Task WriteLogsAsync(HttpContext context, IReadOnlyList<LogRecord> records)
    {
        await using var response = JsonResponse.Start(context, StatusCodes.Status200OK);
        var writer = response.Writer;
        writer.WriteStartObject();
        writer.WriteStartArray("logs");
        foreach (var record in records)
        {
            LogJsonWriter.Write(writer, record);
            await response.SendIfLargeAsync().ConfigureAwait(false);
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }
}
