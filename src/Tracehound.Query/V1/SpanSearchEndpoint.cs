using System.Globalization;
using Microsoft.AspNetCore.Http;
using Tracehound.Model;
using Tracehound.Query.Http;
using Tracehound.Query.Jaeger;
using Tracehound.Query.Parsing;
using Tracehound.Storage;

namespace Tracehound.Query.V1;

/// <summary>
/// <c>GET /api/v1/spans?query=&amp;from=&amp;to=&amp;limit=</c>: spans matching a span query (see
/// <see cref="SpanQueryParser"/>), newest first, as <c>{"spans":[...]}</c> in the span shape of
/// <c>/api/v1/traces</c>. The store narrows by time, service, duration and error status; the other
/// terms are checked here, page by page, on spans that carry their Datadog view.
/// </summary>
internal static class SpanSearchEndpoint
{
    private const int DefaultLimit = 50;
    private const int MaxLimit = 1000;

    public static async Task GetAsync(HttpContext context)
    {
        IReadOnlyList<SpanQueryTerm> terms;
        SpanSearch search;
        int limit;
        try
        {
            var query = context.Request.Query;
            terms = SpanQueryParser.Parse(query["query"].FirstOrDefault());
            limit = ParseLimit(query["limit"].FirstOrDefault());
            search = Pushdown(terms) with
            {
                StartTimeMinUnixNano = Millis(query["from"].FirstOrDefault(), "from") ?? long.MinValue,
                StartTimeMaxUnixNano = Millis(query["to"].FirstOrDefault(), "to") ?? long.MaxValue,
                Limit = PagedScan.PageSize,
            };
        }
        catch (QueryParameterException ex)
        {
            await WriteErrorAsync(context, ex.Message).ConfigureAwait(false);
            return;
        }

        var store = JaegerApiEndpoints.Store(context);
        var found = await PagedScan.CollectAsync(
            skip => store.FindSpansAsync(search with { Skip = skip }, context.RequestAborted),
            span => SpanQueryMatcher.Matches(span, terms),
            limit).ConfigureAwait(false);

        await using var response = JsonResponse.Start(context, StatusCodes.Status200OK);
        var writer = response.Writer;
        writer.WriteStartObject();
        writer.WriteStartArray("spans");
        foreach (var span in found)
        {
            TracehoundTraceWriter.WriteSpan(writer, span);
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    /// <summary>The conditions the store can apply itself: one service, duration bounds, error status.</summary>
    private static SpanSearch Pushdown(IReadOnlyList<SpanQueryTerm> terms)
    {
        var search = new SpanSearch();
        foreach (var term in terms)
        {
            if (term.Negated)
            {
                continue;
            }

            switch (term.Field)
            {
                case "service" when !term.Value.EndsWith('*') && search.ServiceName is null:
                    search = search with { ServiceName = term.Value };
                    break;
                case "status" when term.Value == "error":
                    search = search with { Status = StatusCode.Error };
                    break;
                case "@duration" when term.Comparison is SpanQueryComparison.Greater or SpanQueryComparison.GreaterOrEqual or SpanQueryComparison.Equal:
                    search = search with { MinDurationNanos = Math.Max(search.MinDurationNanos ?? 0, term.DurationNanos) };
                    if (term.Comparison == SpanQueryComparison.Equal)
                    {
                        search = search with { MaxDurationNanos = term.DurationNanos };
                    }

                    break;
                case "@duration":
                    search = search with { MaxDurationNanos = Math.Min(search.MaxDurationNanos ?? long.MaxValue, term.DurationNanos) };
                    break;
            }
        }

        return search;
    }

    internal static int ParseLimit(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return DefaultLimit;
        }

        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var limit) && limit > 0
            ? Math.Min(limit, MaxLimit)
            : throw new QueryParameterException($"limit '{text}' is not a positive whole number");
    }

    internal static long? Millis(string? text, string name)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        return long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var millis) && millis < long.MaxValue / 1_000_000
            ? millis * 1_000_000
            : throw new QueryParameterException($"{name} '{text}' is not unix milliseconds");
    }

    internal static async Task WriteErrorAsync(HttpContext context, string message)
    {
        await using var response = JsonResponse.Start(context, StatusCodes.Status400BadRequest);
        response.Writer.WriteStartObject();
        response.Writer.WriteString("error", message);
        response.Writer.WriteEndObject();
    }
}
