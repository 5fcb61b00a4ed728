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
/// (<see cref="LogQueryParser"/>), newest first, as <c>{"logs":[...]}</c>. The store narrows by
/// time, service, status and trace; the other terms are checked here, page by page (<see cref="PagedScan"/>).
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
            search = Pushdown(terms) with
            {
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

    /// <summary>What the store can apply itself: one service, one status range, one unambiguous trace id.</summary>
    private static LogSearch Pushdown(IReadOnlyList<LogQueryTerm> terms)
    {
        var search = new LogSearch();
        foreach (var term in terms)
        {
            if (term.Negated)
            {
                continue;
            }

            switch (term.Kind)
            {
                case LogQueryTermKind.Service when !term.Value.EndsWith('*') && search.ServiceName is null:
                    search = search with { ServiceName = term.Value };
                    break;
                case LogQueryTermKind.Status:
                    search = search with
                    {
                        MinSeverityNumber = Math.Max(search.MinSeverityNumber, term.MinSeverity),
                        MaxSeverityNumber = Math.Min(search.MaxSeverityNumber, term.MaxSeverity),
                    };
                    break;
                case LogQueryTermKind.TraceId when term.Trace.DecimalFallback is null && search.Trace is null:
                    search = search with { Trace = term.Trace.Lookup };
                    break;
            }
        }

        return search;
    }
}
