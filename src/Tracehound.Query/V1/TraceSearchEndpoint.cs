using Microsoft.AspNetCore.Http;
using Tracehound.Model;
using Tracehound.Query.Http;
using Tracehound.Query.Jaeger;
using Tracehound.Query.Parsing;
using Tracehound.Storage;

namespace Tracehound.Query.V1;

/// <summary>
/// <c>GET /api/v1/traces?query=&amp;from=&amp;to=&amp;limit=</c>: the traces with at least one span
/// matching a span query in the time range, each summarized whole (<see cref="TraceSummary"/>),
/// newest (by trace start) first: <c>{"traces":[{"traceId":"...","rootService":...},...]}</c>.
/// Traces are picked by their newest matching spans, up to <see cref="MaxScannedSpans"/> spans read.
/// </summary>
internal static class TraceSearchEndpoint
{
    private const int DefaultLimit = 20;
    private const int MaxLimit = 200;
    private const int PageSize = 1000;
    private const int MaxScannedSpans = 100_000;

    /// <summary>Traces loaded at once: each load is its own read on the store's connection pool.</summary>
    private const int LoadConcurrency = 4;

    public static async Task GetAsync(HttpContext context)
    {
        if (await SpanSearchRequest.ReadOrRejectAsync(context, DefaultLimit, MaxLimit).ConfigureAwait(false) is not { } request)
        {
            return;
        }

        var store = JaegerApiEndpoints.Store(context);
        var ids = new List<TraceId>();
        var seen = new HashSet<TraceId>();
        await SpanScanner.ScanAsync(store, request, MaxScannedSpans, PageSize, span =>
        {
            if (seen.Add(span.TraceId))
            {
                ids.Add(span.TraceId);
            }

            return ids.Count < request.Limit;
        }, context.RequestAborted).ConfigureAwait(false);

        var traces = new TraceData?[ids.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, ids.Count),
            new ParallelOptions { MaxDegreeOfParallelism = LoadConcurrency, CancellationToken = context.RequestAborted },
            async (i, cancellationToken) => traces[i] = await store.GetTraceAsync(TraceLookup.Full(ids[i]), cancellationToken).ConfigureAwait(false))
            .ConfigureAwait(false);

        var from = request.Search.StartTimeMinUnixNano;
        var to = request.Search.StartTimeMaxUnixNano;
        bool Matched(Span span) => span.StartTimeUnixNano >= from && span.StartTimeUnixNano <= to && request.Matches(span);
        var summaries = traces.OfType<TraceData>().Select(t => TraceSummary.Of(t, Matched))
            .OrderByDescending(s => s.StartUnixNano).ThenBy(s => s.TraceId.ToHex(), StringComparer.Ordinal).ToList();

        await using var response = JsonResponse.Start(context, StatusCodes.Status200OK);
        var writer = response.Writer;
        writer.WriteStartObject();
        writer.WriteStartArray("traces");
        foreach (var summary in summaries)
        {
            writer.WriteStartObject();
            writer.WriteString("traceId", summary.TraceId.ToHex());
            writer.WriteString("rootService", SpanFields.Service(summary.Root));
            writer.WriteString("rootName", SpanFields.Operation(summary.Root));
            writer.WriteString("rootResource", SpanFields.Resource(summary.Root));
            writer.WriteNumber("start", summary.StartUnixNano);
            writer.WriteNumber("duration", summary.DurationNanos);
            writer.WriteNumber("spanCount", summary.SpanCount);
            writer.WriteNumber("errorCount", summary.ErrorCount);
            writer.WriteNumber("matchedSpans", summary.MatchedSpans);
            writer.WriteStartArray("services");
            foreach (var (service, count) in summary.Services)
            {
                writer.WriteStartObject();
                writer.WriteString("service", service);
                writer.WriteNumber("spanCount", count);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }
}
