using Microsoft.AspNetCore.Http;
using Tracehound.Model;
using Tracehound.Query.Http;
using Tracehound.Query.Jaeger;
using Tracehound.Query.Parsing;

namespace Tracehound.Query.V1;

/// <summary>
/// <c>GET /api/v1/spans?query=&amp;from=&amp;to=&amp;limit=</c>: spans matching a span query (see
/// <see cref="SpanQueryParser"/>), newest first, as <c>{"spans":[...]}</c> in the span shape of
/// <c>/api/v1/traces</c>. The store narrows what it can (<see cref="SpanQueryPushdown"/>); the whole
/// query is checked here on spans that carry their Datadog view.
/// </summary>
internal static class SpanSearchEndpoint
{
    private const int DefaultLimit = 50;
    private const int MaxLimit = 1000;
    private const int PageSize = 500;

    /// <summary>Spans looked at per request at most, so a query matching nothing costs a bounded scan.</summary>
    private const int MaxScannedSpans = 100_000;

    public static async Task GetAsync(HttpContext context)
    {
        if (await SpanSearchRequest.ReadOrRejectAsync(context, DefaultLimit, MaxLimit).ConfigureAwait(false) is not { } request)
        {
            return;
        }

        var found = new List<Span>();
        await SpanScanner.ScanAsync(JaegerApiEndpoints.Store(context), request, MaxScannedSpans, PageSize, span =>
        {
            found.Add(span);
            return found.Count < request.Limit;
        }, context.RequestAborted).ConfigureAwait(false);

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
}
